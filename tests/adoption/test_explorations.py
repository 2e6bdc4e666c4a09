"""Regions exploring a measure: sent, confirmed by e-mail, approved, shown, withdrawn, adopted."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from measures.models import Exploration, Lineage, Measure
from measures.review import explorations
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

Status = Exploration.Status
ENTRY = {
    "organisation": "Municipality of Lappeenranta",
    "region_name": "South Karelia",
    "country": "FI",
    "email": "digital@lappeenranta.example",
    "note": "We look at this for our rural villages.",
    "public_body": "on",
}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


def send(client, measure, **changes):
    return client.post(f"/en/measures/{measure.slug}/explore/", {**ENTRY, **changes})


def link_in(message, path):
    return re.search(rf"http://testserver(/en/{path}/[^\s]+/)", message.body).group(1)


def sent_and_confirmed(client, measure):
    send(client, measure)
    confirm = link_in(mail.outbox[-1], "explorations/confirm")
    client.post(confirm)
    return Exploration.objects.get()


def test_an_entry_waits_for_its_address_to_be_confirmed_and_shows_nothing(client, measure):
    response = send(client, measure)

    assert response.status_code == 303
    assert response["Location"] == f"/en/measures/{measure.slug}/explore/sent/"
    exploration = Exploration.objects.get()
    assert exploration.status == Status.UNCONFIRMED
    assert mail.outbox[-1].to == [ENTRY["email"]]
    assert "/en/explorations/confirm/" in mail.outbox[-1].body
    assert "Lappeenranta" not in client.get(f"/en/measures/{measure.slug}/").content.decode()


def test_the_confirmation_link_shows_a_button_and_the_post_confirms(client, measure, coordinator):
    send(client, measure)
    confirm = link_in(mail.outbox[-1], "explorations/confirm")

    assert client.get(confirm).status_code == 200
    assert Exploration.objects.get().status == Status.UNCONFIRMED
    response = client.post(confirm)

    assert response.status_code == 303
    assert Exploration.objects.get().status == Status.WAITING
    assert mail.outbox[-1].to == [coordinator.email]
    assert "please approve or decline" in mail.outbox[-1].subject


def test_approved_entry_shows_organisation_region_and_year_never_the_address(
    client, measure, coordinator, editor
):
    exploration = sent_and_confirmed(client, measure)

    explorations.approve(exploration, coordinator)

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()
    assert "Explored by" in html
    assert "Municipality of Lappeenranta" in html
    assert f"South Karelia, Finland, {exploration.created_at.year}" in html
    assert ENTRY["email"] not in html
    to_editors = next(m for m in mail.outbox if editor.email in m.to)
    assert to_editors.reply_to == [coordinator.email]
    assert "is exploring your measure" in to_editors.subject


def test_editor_cannot_approve_an_exploration(client, measure, editor):
    exploration = sent_and_confirmed(client, measure)

    with pytest.raises(PermissionDenied):
        explorations.approve(exploration, editor)

    assert Exploration.objects.get().status == Status.WAITING


def test_declined_or_unconfirmed_entries_are_never_shown(client, measure, coordinator):
    exploration = sent_and_confirmed(client, measure)
    explorations.decline(exploration, coordinator)

    assert "Lappeenranta" not in client.get(f"/en/measures/{measure.slug}/").content.decode()


def test_the_organisation_withdraws_its_entry_by_the_link_and_its_address_is_forgotten(
    client, measure, coordinator
):
    exploration = sent_and_confirmed(client, measure)
    explorations.approve(exploration, coordinator)
    withdraw = link_in(mail.outbox[-1], "explorations/withdraw")

    assert client.get(withdraw).status_code == 200
    response = client.post(withdraw)

    assert response.status_code == 200
    exploration.refresh_from_db()
    assert exploration.status == Status.WITHDRAWN
    assert exploration.email == ""
    assert "Lappeenranta" not in client.get(f"/en/measures/{measure.slug}/").content.decode()


def test_coordinator_turns_an_exploration_into_an_adoption_keeping_its_history(
    client, measure, coordinator
):
    exploration = sent_and_confirmed(client, measure)
    explorations.approve(exploration, coordinator)
    adopting = MeasureFactory(title="Village video care in South Karelia")

    lineage = explorations.record_adoption(exploration, adopting, coordinator).lineage

    assert lineage.measure == adopting
    assert lineage.origin == measure
    assert lineage.kind == Lineage.Kind.ADAPTED
    exploration.refresh_from_db()
    assert exploration.status == Status.ADOPTED
    assert exploration.lineage == lineage
    assert exploration.confirmed_at is not None
    html = client.get(f"/en/measures/{measure.slug}/").content.decode()
    assert "adopted it" in html
    assert "Village video care in South Karelia" in html


def test_an_entry_needs_a_public_body_and_a_valid_address(client, measure):
    response = send(client, measure, public_body="", email="not-an-address")

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"public_body", "email"}
    assert not Exploration.objects.exists()


def test_a_filled_in_honeypot_sends_nothing(client, measure):
    send(client, measure, website="http://spam.example")

    assert not Exploration.objects.exists()
    assert not mail.outbox


def test_the_sixth_entry_within_an_hour_from_one_address_is_refused(client, measure):
    for n in range(5):
        sent = send(client, measure, organisation=f"Body {n}", email=f"body{n}@example.org")
        assert sent.status_code == 303

    response = send(client, measure, organisation="Body 6", email="body6@example.org")

    assert response.status_code == 429
    assert Exploration.objects.count() == 5


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/en/explorations/confirm/forged-token/", 400),
        ("/en/explorations/withdraw/no-such-key/", 404),
        ("/en/measures/no-such-measure/explore/", 404),
    ],
)
def test_odd_links_get_an_answer_not_an_error(client, path, status):
    assert client.get(path).status_code == status
    assert client.post(path).status_code == status


def test_no_entry_for_a_measure_that_is_not_published(client, make_measure):
    draft = make_measure(partner="a", status=Measure.Status.DRAFT)

    assert send(client, draft).status_code == 404


def test_transfers_page_and_statistics_count_explorations_and_adoptions_per_region(
    client, measure, coordinator
):
    exploration = sent_and_confirmed(client, measure)
    explorations.approve(exploration, coordinator)
    adopting = MeasureFactory(title="Village video care")
    explorations.record_adoption(exploration, adopting, coordinator)
    region = adopting.region

    for path in ["/en/transfers/", "/en/statistics/"]:
        response = client.get(path)
        rows = {row["region"]: row for row in response.context["uptake"]}
        assert rows["South Karelia"]["explorations"] == 1
        assert rows["South Karelia"]["adoptions"] == 0
        assert rows[region.name]["adoptions"] == 1
        assert "Solutions taken up, per region" in response.content.decode()


def test_pressing_confirm_again_says_nothing_new_and_mails_nobody(client, measure, coordinator):
    send(client, measure)
    confirm = link_in(mail.outbox[-1], "explorations/confirm")
    assert "your address is confirmed" in client.post(confirm, follow=True).content.decode()
    sent = len(mail.outbox)

    # A double click, or the page left open in a second tab.
    page = client.post(confirm, follow=True).content.decode()

    assert "your address is confirmed" not in page
    assert "waiting for approval" in page
    assert len(mail.outbox) == sent


def test_confirming_an_entry_decided_since_does_not_say_a_coordinator_reads_it_next(
    client, measure, coordinator
):
    send(client, measure)
    confirm = link_in(mail.outbox[-1], "explorations/confirm")
    client.post(confirm, follow=True)
    explorations.approve(Exploration.objects.get(), coordinator)

    page = client.post(confirm, follow=True).content.decode()

    assert "A coordinator reads the entry next" not in page
    assert Exploration.objects.get().status == Status.PUBLISHED


def test_an_organisation_name_sent_in_another_encoding_is_refused_not_stored(client, measure):
    # "Café" sent as Latin-1 bytes: read as UTF-8 it would become "Caf\ufffd".
    body = "&".join(
        f"{name}={value.replace(' ', '+')}"
        for name, value in {**ENTRY, "organisation": "Caf%E9 Digital"}.items()
    )
    response = client.post(
        f"/en/measures/{measure.slug}/explore/",
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "could not be read" in response.context["form"].errors["organisation"][0]
    assert not Exploration.objects.exists()
    assert not mail.outbox


def test_a_note_sent_in_another_encoding_is_refused_not_stored(client, measure):
    response = send(client, measure, note="Wir pr\ufffdfen das")

    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert not Exploration.objects.exists()
