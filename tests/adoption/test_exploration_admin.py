"""A coordinator's work on an exploration's page in the admin, posted as a browser sends it.

Adoptions: only an approved entry becomes one; several entries adopted into the
same measure share its one link; an "inspired by" link between the two measures
says "adapted from" once an adoption is recorded on it, and the message, the
measure's page and the statistics say the same. Corrections: the organisation,
region, country and note, before and after approval, kept in the entry's history.
The organisation's address: coordinators see it, editors never.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.cache import cache

from measures.models import Exploration, Lineage, Measure
from measures.review import explorations
from tests.factories import RegionFactory
from tests.form_posts import form_values
from tests.staff import form_errors, messages_of

pytestmark = pytest.mark.django_db

Status = Exploration.Status
ADDRESS = "digital@lappeenranta.example"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED, title="Remote home care")


@pytest.fixture
def adopting(make_measure):
    return make_measure(partner="b", status=Measure.Status.PUBLISHED, title="Village video care")


@pytest.fixture
def entry(measure):
    """make(status=..., organisation=...) → an entry for `measure`."""

    def make(status=Status.PUBLISHED, **fields):
        values = {
            "organisation": "Municipality of Lappeenranta",
            "region_name": "South Karelia",
            "country": "FI",
            "email": ADDRESS,
            "note": "We look at this for our rural villages.",
            **fields,
        }
        return Exploration.objects.create(measure=measure, status=status, **values)

    return make


def page_url(exploration):
    return f"/admin/measures/exploration/{exploration.pk}/change/"


def opened(client, exploration):
    response = client.get(page_url(exploration))
    assert response.status_code == 200
    return form_values(response, "exploration_form")


def adopt(client, exploration, adopting):
    values = opened(client, exploration)
    values["adopted_in"] = [str(adopting.pk)]
    return client.post(page_url(exploration), values)


def uptake_adoptions(client, region):
    rows = {row["region"]: row for row in client.get("/en/statistics/").context["uptake"]}
    return rows[region.name]["adoptions"] if region.name in rows else 0


# Adoptions


def test_two_entries_adopted_into_the_same_measure_share_its_link(
    client, coordinator, entry, adopting
):
    first = entry(organisation="Municipality of Lappeenranta")
    second = entry(organisation="Municipality of Imatra", email="digital@imatra.example")
    client.force_login(coordinator)

    responses = [adopt(client, first, adopting), adopt(client, second, adopting)]

    assert [response.status_code for response in responses] == [302, 302]
    link = Lineage.objects.get()
    assert (link.measure, link.kind) == (adopting, Lineage.Kind.ADAPTED)
    for exploration in (first, second):
        exploration.refresh_from_db()
        assert exploration.status == Status.ADOPTED
        assert exploration.lineage == link
        assert exploration.decided_by == coordinator
    assert "already had" in messages_of(responses[1], "success")[0]
    # One measure adapted from it: one adoption for its region.
    assert uptake_adoptions(client, adopting.region) == 1


def test_an_adoption_onto_an_inspired_by_link_makes_it_adapted_from(
    client, coordinator, entry, measure, adopting
):
    link = Lineage.objects.create(
        measure=adopting,
        origin=measure,
        kind=Lineage.Kind.INSPIRED,
        changes="Video calls instead of visits.",
    )
    exploration = entry()
    client.force_login(coordinator)
    assert uptake_adoptions(client, adopting.region) == 0

    response = adopt(client, exploration, adopting)

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.kind == Lineage.Kind.ADAPTED
    assert link.changes == "Video calls instead of visits."
    exploration.refresh_from_db()
    assert (exploration.status, exploration.lineage) == (Status.ADOPTED, link)
    [message] = messages_of(response, "success")[:1]
    assert "said “inspired by” and says “adapted from”" in message
    history = client.get(f"{page_url(exploration).removesuffix('change/')}history/")
    assert "said “inspired by” and says “adapted from”" in history.content.decode()
    assert uptake_adoptions(client, adopting.region) == 1
    adopting_page = client.get(f"/en/measures/{adopting.slug}/").content.decode()
    assert "Adapted from" in adopting_page or "adapted from" in adopting_page
    assert "inspired by" not in adopting_page.lower()
    assert "adopted it" in client.get(f"/en/measures/{measure.slug}/").content.decode()


@pytest.mark.parametrize("status", [Status.UNCONFIRMED, Status.WAITING, Status.DECLINED])
def test_an_entry_not_approved_is_never_recorded_as_adopted(
    client, coordinator, entry, adopting, status
):
    exploration = entry(status=status)
    client.force_login(coordinator)

    values = opened(client, exploration)
    assert "adopted_in" not in client.get(page_url(exploration)).context["adminform"].form.fields
    values["adopted_in"] = [str(adopting.pk)]
    client.post(page_url(exploration), values)

    exploration.refresh_from_db()
    assert exploration.status == status
    assert exploration.lineage is None
    assert not Lineage.objects.exists()
    with pytest.raises(explorations.ExplorationError, match="approve it first"):
        explorations.record_adoption(exploration, adopting, coordinator)
    assert not Lineage.objects.exists()


def test_a_waiting_entry_becomes_public_only_through_approval_and_its_mails(
    client, coordinator, entry, adopting, measure
):
    exploration = entry(status=Status.WAITING)

    with pytest.raises(explorations.ExplorationError):
        explorations.record_adoption(exploration, adopting, coordinator)

    assert "Lappeenranta" not in client.get(f"/en/measures/{measure.slug}/").content.decode()
    assert not mail.outbox


def test_an_adoption_sent_again_from_a_second_tab_is_told_it_is_recorded_already(
    client, coordinator, entry, adopting, make_measure
):
    exploration = entry()
    client.force_login(coordinator)
    second_tab = opened(client, exploration)
    adopt(client, exploration, adopting)
    other = make_measure(partner="b", status=Measure.Status.PUBLISHED, title="Another measure")
    second_tab["adopted_in"] = [str(other.pk)]

    response = client.post(page_url(exploration), second_tab)

    assert "already recorded as adopted" in " ".join(messages_of(response, "warning"))
    exploration.refresh_from_db()
    assert exploration.lineage.measure == adopting
    assert Lineage.objects.count() == 1


# Corrections


@pytest.mark.parametrize("status", [Status.WAITING, Status.PUBLISHED, Status.ADOPTED])
def test_coordinator_corrects_an_entry_before_and_after_approval(
    client, coordinator, entry, status
):
    exploration = entry(status=status, organisation="Municipalty of Lapeenranta")
    client.force_login(coordinator)
    values = opened(client, exploration)
    values.update(
        organisation=["Municipality of Lappeenranta"],
        region_name=["South Karelia (Etelä-Karjala)"],
        country=["FI"],
        note=["We look at this for our villages."],
    )

    response = client.post(page_url(exploration), values)

    assert response.status_code == 302, form_errors(response)
    exploration.refresh_from_db()
    assert exploration.organisation == "Municipality of Lappeenranta"
    assert exploration.region_name == "South Karelia (Etelä-Karjala)"
    assert exploration.note == "We look at this for our villages."
    assert exploration.status == status
    assert exploration.email == ADDRESS
    log = LogEntry.objects.get(object_id=str(exploration.pk))
    assert "Organisation" in log.get_change_message()
    assert "Note" in log.get_change_message()


def test_a_correction_shows_on_the_measures_page(client, coordinator, entry, measure):
    exploration = entry(organisation="Municipalty of Lapeenranta")
    client.force_login(coordinator)
    values = opened(client, exploration)
    values["organisation"] = ["Municipality of Lappeenranta"]

    client.post(page_url(exploration), values)

    page = client.get(f"/en/measures/{measure.slug}/").content.decode()
    assert "Municipality of Lappeenranta" in page
    assert "Lapeenranta" not in page.replace("Lappeenranta", "")


def test_choosing_a_region_of_the_catalogue_takes_its_name_and_country(client, coordinator, entry):
    region = RegionFactory(name="South Karelia", country="FI")
    exploration = entry(region_name="Sout Karelia", country="SE")
    client.force_login(coordinator)
    values = opened(client, exploration)
    values["region"] = [str(region.pk)]
    values["region_name"] = [""]

    response = client.post(page_url(exploration), values)

    assert response.status_code == 302, form_errors(response)
    exploration.refresh_from_db()
    assert (exploration.region, exploration.region_name, exploration.country) == (
        region,
        "South Karelia",
        "FI",
    )


def test_a_correction_needs_a_region_and_an_organisation(client, coordinator, entry):
    exploration = entry()
    client.force_login(coordinator)
    values = opened(client, exploration)
    values.update(organisation=[" "], region_name=[""], region=[""])

    response = client.post(page_url(exploration), values)

    assert response.status_code == 200
    assert {"organisation", "region_name"} <= set(form_errors(response))
    exploration.refresh_from_db()
    assert exploration.organisation == "Municipality of Lappeenranta"


def test_a_withdrawn_entry_is_not_corrected(client, coordinator, entry):
    exploration = entry(status=Status.WITHDRAWN, email="")
    client.force_login(coordinator)

    form = client.get(page_url(exploration)).context["adminform"].form

    assert "organisation" not in form.fields


def test_editor_corrects_nothing(client, editor, entry):
    exploration = entry()
    client.force_login(editor)

    response = client.post(page_url(exploration), {"organisation": "Someone else"})

    exploration.refresh_from_db()
    assert response.status_code == 403
    assert exploration.organisation == "Municipality of Lappeenranta"


# The organisation's address


def test_coordinator_sees_the_organisations_address_on_its_entry(client, coordinator, entry):
    client.force_login(coordinator)

    page = client.get(page_url(entry())).content.decode()

    assert ADDRESS in page


def test_editor_never_sees_the_organisations_address(client, editor, entry):
    client.force_login(editor)

    page = client.get(page_url(entry()))

    assert page.status_code == 200
    assert ADDRESS not in page.content.decode()


def test_the_stand_in_coordinators_find_the_address_the_mail_promises(
    client, coordinator, make_measure
):
    # The partner of this measure has no editor: the coordinators are told instead.
    measure = make_measure(partner="b", status=Measure.Status.PUBLISHED)
    exploration = Exploration.objects.create(
        measure=measure,
        organisation="Municipality of Lappeenranta",
        region_name="South Karelia",
        country="FI",
        email=ADDRESS,
        status=Status.WAITING,
    )
    explorations.approve(exploration, coordinator)
    to_coordinators = next(m for m in mail.outbox if coordinator.email in m.to)
    assert "the organisation's address is in its entry" in " ".join(to_coordinators.body.split())
    client.force_login(coordinator)

    page = client.get(page_url(exploration)).content.decode()

    assert page_url(exploration) in to_coordinators.body
    assert ADDRESS in page
