"""The prerequisites' rows of a measure's change form, posted as a browser sends them.

A new row goes last; a condition appears once; a measure has at most twelve, and
a form with more is refused with a message, never cut short.
"""

import pytest

from measures.models import MAX_PREREQUISITES, Measure, MeasureRevision
from measures.review import workflow
from tests.adoption.conftest import add_prerequisites
from tests.form_posts import form_values
from tests.staff import change_url, form_errors, revision_url

pytestmark = pytest.mark.django_db

Status = Measure.Status
ROWS = [
    ("infrastructure", "Broadband in the villages", "Video needs it."),
    ("people", "A municipal IT department", "Someone keeps the devices running."),
]


def opened_form(client, measure):
    response = client.get(change_url(measure))
    assert response.status_code == 200
    return form_values(response, "measure_form")


def row_indexes(values):
    """The indexes of the prerequisites' rows the form shows."""
    return sorted(
        int(name.split("-")[1])
        for name in values
        if name.startswith("prerequisites-")
        and name.endswith("-condition")
        and "__prefix__" not in name
    )


def type_new_row(values, kind, condition, reason=""):
    """Type a prerequisite into the form's empty row, leaving its position as shown."""
    empty = [n for n in row_indexes(values) if not values[f"prerequisites-{n}-condition"][0]]
    assert empty, "the form shows no empty row"
    n = empty[0]
    values[f"prerequisites-{n}-kind"] = [kind]
    values[f"prerequisites-{n}-condition"] = [condition]
    values[f"prerequisites-{n}-reason"] = [reason]
    return values


def conditions(measure):
    return list(measure.prerequisites.values_list("condition", flat=True))


def many_rows(count):
    return [("data", f"Condition number {n + 1}") for n in range(count)]


@pytest.fixture
def published(make_measure):
    measure = make_measure(partner="a", status=Status.PUBLISHED)
    add_prerequisites(measure, *ROWS)
    return measure


@pytest.fixture
def draft(make_measure):
    measure = make_measure(partner="a", status=Status.DRAFT)
    add_prerequisites(measure, *ROWS)
    return measure


# Order


def test_editors_new_prerequisite_of_a_published_measure_goes_last(client, editor, published):
    client.force_login(editor)
    values = type_new_row(opened_form(client, published), "money", "About €50,000 a year")

    response = client.post(change_url(published), values)

    assert response.status_code == 302, form_errors(response)
    proposed = MeasureRevision.objects.get(measure=published).data[workflow.PREREQUISITES]
    assert [row["condition"] for row in proposed] == [
        "Broadband in the villages",
        "A municipal IT department",
        "About €50,000 a year",
    ]


def test_editors_new_prerequisite_of_a_draft_goes_last(client, editor, draft):
    client.force_login(editor)
    values = type_new_row(opened_form(client, draft), "money", "About €50,000 a year")

    response = client.post(change_url(draft), values)

    assert response.status_code == 302, form_errors(response)
    assert conditions(draft) == [
        "Broadband in the villages",
        "A municipal IT department",
        "About €50,000 a year",
    ]


def test_coordinators_new_prerequisite_goes_last(client, coordinator, published):
    client.force_login(coordinator)
    values = opened_form(client, published)
    # The row the "Add another" button copies starts last as well.
    assert values["prerequisites-__prefix__-position"] == ["2"]
    values = type_new_row(values, "money", "About €50,000 a year")

    response = client.post(change_url(published), values)

    assert response.status_code == 302, form_errors(response)
    assert conditions(published)[-1] == "About €50,000 a year"


# Duplicates


def test_editors_revision_with_a_condition_twice_is_refused_in_the_form(client, editor, published):
    client.force_login(editor)
    values = type_new_row(opened_form(client, published), "money", "Broadband in the villages")

    response = client.post(change_url(published), values)

    assert response.status_code == 200
    assert "Broadband in the villages" in str(form_errors_of_prerequisites(response))
    assert not MeasureRevision.objects.exists()


def test_coordinator_approves_a_revision_with_a_condition_twice_without_a_crash(
    client, editor, coordinator, published
):
    # A revision stored before its form refused duplicates.
    rows = [*published.prerequisites.as_data(), published.prerequisites.as_data()[0]]
    workflow.propose_revision(published, {"title": published.title}, editor, prerequisites=rows)
    client.force_login(coordinator)

    response = client.post(revision_url(published), {"approve": "1", "comment": ""}, follow=True)

    assert response.status_code == 200
    assert conditions(published) == [condition for _kind, condition, _reason in ROWS]
    assert MeasureRevision.objects.get().status == MeasureRevision.Status.PENDING
    assert "Broadband in the villages" in response.content.decode()


def form_errors_of_prerequisites(response):
    """The errors the prerequisites' inline shows: the formset's own and each row's."""
    for formset in response.context["inline_admin_formsets"]:
        if formset.formset.prefix == "prerequisites":
            return [*formset.formset.non_form_errors(), *formset.formset.errors]
    raise AssertionError("no prerequisites inline")


# At most twelve


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_a_thirteenth_prerequisite_is_refused_with_a_message(request, client, who, make_measure):
    measure = make_measure(partner="a", status=Status.PUBLISHED)
    add_prerequisites(measure, *many_rows(MAX_PREREQUISITES))
    client.force_login(request.getfixturevalue(who))
    values = opened_form(client, measure)
    # The form offers no thirteenth row: a hand-made request adds one.
    assert len(row_indexes(values)) == MAX_PREREQUISITES
    n = MAX_PREREQUISITES
    values.update(
        {
            "prerequisites-TOTAL_FORMS": [str(n + 1)],
            f"prerequisites-{n}-kind": ["money"],
            f"prerequisites-{n}-condition": ["One condition too many"],
            f"prerequisites-{n}-reason": [""],
            f"prerequisites-{n}-position": [str(n)],
            f"prerequisites-{n}-measure": [str(measure.pk)],
        }
    )

    response = client.post(change_url(measure), values)

    assert response.status_code == 200
    assert "12" in " ".join(str(error) for error in form_errors_of_prerequisites(response))
    assert len(conditions(measure)) == MAX_PREREQUISITES
    assert not MeasureRevision.objects.exists()


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_a_form_shows_every_stored_prerequisite_even_beyond_twelve(
    request, client, who, make_measure
):
    measure = make_measure(partner="a", status=Status.PUBLISHED)
    add_prerequisites(measure, *many_rows(MAX_PREREQUISITES + 2))
    client.force_login(request.getfixturevalue(who))

    values = opened_form(client, measure)

    shown = [values[f"prerequisites-{n}-condition"][0] for n in row_indexes(values)]
    assert [text for text in shown if text] == conditions(measure)


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_a_form_with_more_than_twelve_stored_prerequisites_is_refused_not_cut_short(
    request, client, who, make_measure
):
    measure = make_measure(partner="a", status=Status.PUBLISHED)
    add_prerequisites(measure, *many_rows(MAX_PREREQUISITES + 2))
    stored = conditions(measure)
    client.force_login(request.getfixturevalue(who))
    values = opened_form(client, measure)
    values["description"] = ["A new description of the measure."]

    response = client.post(change_url(measure), values)

    assert response.status_code == 200
    assert "12" in " ".join(str(error) for error in form_errors_of_prerequisites(response))
    assert conditions(measure) == stored
    assert not MeasureRevision.objects.exists()


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_deleting_down_to_twelve_prerequisites_is_accepted(request, client, who, make_measure):
    measure = make_measure(partner="a", status=Status.PUBLISHED)
    add_prerequisites(measure, *many_rows(MAX_PREREQUISITES + 1))
    client.force_login(request.getfixturevalue(who))
    values = opened_form(client, measure)
    values["prerequisites-1-DELETE"] = ["on"]

    response = client.post(change_url(measure), values)

    assert response.status_code == 302, form_errors(response)
    expected = [condition for n, (_kind, condition) in enumerate(many_rows(13)) if n != 1]
    if who == "editor":
        proposed = MeasureRevision.objects.get(measure=measure).data[workflow.PREREQUISITES]
        assert [row["condition"] for row in proposed] == expected
    else:
        assert conditions(measure) == expected
