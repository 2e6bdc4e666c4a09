"""Who may do what with the entries of regions exploring a measure, in the admin: a table."""

import pytest

from measures.models import Exploration, Measure

pytestmark = pytest.mark.django_db

LIST = "/admin/measures/exploration/"


@pytest.fixture
def entry(make_measure):
    measure = make_measure(partner="a", status=Measure.Status.PUBLISHED)
    return Exploration.objects.create(
        measure=measure,
        organisation="Municipality of Lappeenranta",
        region_name="South Karelia",
        country="FI",
        email="digital@lappeenranta.example",
        status=Exploration.Status.WAITING,
    )


def change_url(entry):
    return f"/admin/measures/exploration/{entry.pk}/change/"


def approve(client, entry):
    return client.post(LIST, {"action": "approve", "_selected_action": [entry.pk]})


@pytest.mark.parametrize(
    ("role", "sees_it", "sees_address", "may_approve"),
    [
        ("editor", True, False, False),  # of the partner that owns the measure
        ("other_editor", False, False, False),
        # Coordinators decide entries and forward the editors' replies to the address.
        ("coordinator", True, True, True),
    ],
)
def test_exploration_permission_table(
    client, request, entry, role, sees_it, sees_address, may_approve
):
    client.force_login(request.getfixturevalue(role))

    listing = client.get(LIST)
    page = client.get(change_url(entry))
    approve(client, entry)

    assert listing.status_code == 200
    assert ("Municipality of Lappeenranta" in listing.content.decode()) is sees_it
    assert (page.status_code == 200) is sees_it
    assert ("lappeenranta.example" in page.content.decode()) is sees_address
    entry.refresh_from_db()
    expected = Exploration.Status.PUBLISHED if may_approve else Exploration.Status.WAITING
    assert entry.status == expected


def test_editor_cannot_record_an_adoption(client, editor, entry, make_measure):
    adopting = make_measure(partner="a", status=Measure.Status.PUBLISHED)
    client.force_login(editor)

    response = client.post(change_url(entry), {"adopted_in": adopting.pk})

    assert response.status_code == 403
    assert not Exploration.objects.filter(lineage__isnull=False).exists()


def test_visitor_is_sent_to_sign_in(client, entry):
    response = client.get(LIST)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_nobody_adds_an_exploration_in_the_admin(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/admin/measures/exploration/add/").status_code == 403


def test_the_admin_search_finds_an_entry_by_its_organisation(client, coordinator, entry):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": "lappeenranta"})

    assert list(response.context["cl"].result_list) == [entry]


def test_adopted_in_offers_published_measures_only(client, coordinator, entry, make_measure):
    published = make_measure(partner="b", status=Measure.Status.PUBLISHED)
    draft = make_measure(partner="b", status=Measure.Status.DRAFT)
    # Only an approved entry is offered the field.
    Exploration.objects.filter(pk=entry.pk).update(status=Exploration.Status.PUBLISHED)
    client.force_login(coordinator)

    offered = client.get(change_url(entry)).context["adminform"].form.fields["adopted_in"]

    assert published in offered.queryset
    assert draft not in offered.queryset
    assert entry.measure not in offered.queryset
