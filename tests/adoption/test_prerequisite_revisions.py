"""Prerequisites change like a measure's other fields: on a published one, through a revision."""

import pytest

from measures.models import Measure, MeasureRevision, Prerequisite
from measures.review import workflow
from tests.adoption.conftest import add_prerequisites
from tests.staff import change_form_data, change_url, form_errors, revision_url

pytestmark = pytest.mark.django_db

Status = Measure.Status


def prerequisite_rows(*rows):
    """The change form's prerequisites inline as new rows: (kind, condition, reason) each."""
    data = {
        "prerequisites-TOTAL_FORMS": str(len(rows)),
        "prerequisites-INITIAL_FORMS": "0",
        "prerequisites-MIN_NUM_FORMS": "0",
        "prerequisites-MAX_NUM_FORMS": "12",
    }
    for n, (kind, condition, reason) in enumerate(rows):
        data.update(
            {
                f"prerequisites-{n}-kind": kind,
                f"prerequisites-{n}-condition": condition,
                f"prerequisites-{n}-reason": reason,
                f"prerequisites-{n}-position": str(n),
            }
        )
    return data


def post_change(client, measure, *rows, **changes):
    measure = Measure.objects.get(pk=measure.pk)
    data = {**change_form_data(measure, **changes), **prerequisite_rows(*rows)}
    return client.post(change_url(measure), data)


def conditions(measure):
    return list(measure.prerequisites.values_list("condition", flat=True))


@pytest.fixture
def published(make_measure):
    measure = make_measure(partner="a", status=Status.PUBLISHED)
    add_prerequisites(measure, ("infrastructure", "Broadband in the villages", "Video needs it."))
    return measure


def test_editor_saves_prerequisites_of_a_draft_directly(client, editor, make_measure):
    draft = make_measure(partner="a", status=Status.DRAFT)
    client.force_login(editor)

    response = post_change(client, draft, ("money", "About €50,000 a year", "Devices cost."))

    assert response.status_code == 302, form_errors(response)
    assert conditions(draft) == ["About €50,000 a year"]
    assert not MeasureRevision.objects.exists()


def test_editors_prerequisites_of_a_published_measure_wait_for_a_coordinator(
    client, editor, coordinator, published
):
    client.force_login(editor)
    rows = [
        ("infrastructure", "Broadband in the villages", "Video needs it."),
        ("people", "A municipal IT department", "Someone keeps the devices running."),
    ]

    response = post_change(client, published, *rows)

    assert response.status_code == 302, form_errors(response)
    revision = MeasureRevision.objects.get(measure=published)
    assert revision.data[workflow.PREREQUISITES] == [
        {"kind": kind, "condition": condition, "reason": reason} for kind, condition, reason in rows
    ]
    # The public page keeps the published list until the coordinator decides.
    assert conditions(published) == ["Broadband in the villages"]
    assert (
        "A municipal IT department"
        not in client.get(f"/en/measures/{published.slug}/").content.decode()
    )

    client.force_login(coordinator)
    page = client.get(change_url(published)).content.decode()
    assert "Prerequisites" in page
    assert "A municipal IT department" in page
    response = client.post(revision_url(published), {"approve": "1", "comment": ""})

    assert response.status_code == 302
    assert conditions(published) == ["Broadband in the villages", "A municipal IT department"]
    assert Prerequisite.objects.get(condition="A municipal IT department").kind == "people"


def test_editor_who_reopens_the_form_sees_the_prerequisites_they_proposed(
    client, editor, published
):
    client.force_login(editor)
    post_change(client, published, ("data", "Open data on bus stops", ""))

    html = client.get(change_url(published)).content.decode()

    assert 'value="Open data on bus stops"' in html
    assert 'value="Broadband in the villages"' not in html


def test_removing_every_prerequisite_is_a_revision_too(client, editor, coordinator, published):
    client.force_login(editor)

    post_change(client, published)

    revision = MeasureRevision.objects.get(measure=published)
    assert revision.data[workflow.PREREQUISITES] == []
    workflow.approve_revision(revision, coordinator)
    assert conditions(published) == []


def test_saving_unchanged_prerequisites_proposes_nothing(client, editor, published):
    client.force_login(editor)

    post_change(
        client, published, ("infrastructure", "Broadband in the villages", "Video needs it.")
    )

    assert not MeasureRevision.objects.exists()


def test_other_partners_editor_cannot_change_prerequisites(client, other_editor, published):
    client.force_login(other_editor)

    response = post_change(client, published, ("money", "Money", ""))

    assert response.status_code in (302, 403, 404)
    assert conditions(published) == ["Broadband in the villages"]
    assert not MeasureRevision.objects.exists()


def test_approving_other_changes_keeps_the_prerequisites_and_their_ids(
    client, editor, coordinator, published
):
    before = list(published.prerequisites.values_list("pk", flat=True))
    client.force_login(editor)
    post_change(
        client,
        published,
        ("infrastructure", "Broadband in the villages", "Video needs it."),
        description="A new description of the measure.",
    )

    workflow.approve_revision(MeasureRevision.objects.get(), coordinator)

    published.refresh_from_db()
    assert published.description == "A new description of the measure."
    assert list(published.prerequisites.values_list("pk", flat=True)) == before
