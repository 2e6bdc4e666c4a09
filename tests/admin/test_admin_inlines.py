"""Editing results, resources and origins in the admin, under measures.review.permissions.

Indicators and origins change with the measure, as its further links do: its
partner's editors change them while it is a draft (or sent back), coordinators
always; on a published measure the editor's changes to the measure's own fields
become a revision, and the inlines are shown without being changeable.
"""

import pytest

from measures.models import Indicator, Lineage, Measure
from tests.staff import (
    change_form_data,
    change_url,
    form_errors,
    revision_url,
)

pytestmark = pytest.mark.django_db

Status = Measure.Status


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def with_indicator(**fields):
    row = {
        "name": "Participants",
        "unit": "people",
        "achieved": "80",
        "achieved_on_precision": "day",
        "position": "0",
        **fields,
    }
    return {
        **management_form("indicators", 1),
        **{f"indicators-0-{name}": value for name, value in row.items()},
    }


def with_origin(**fields):
    row = {"kind": "inspired", "changes": "A criterion instead of a survey.", **fields}
    return {
        **management_form("origins", 1),
        **{f"origins-0-{name}": value for name, value in row.items()},
    }


def autocomplete(client, term=""):
    response = client.get(
        "/admin/autocomplete/",
        {"term": term, "app_label": "measures", "model_name": "lineage", "field_name": "origin"},
    )
    assert response.status_code == 200
    return {result["text"] for result in response.json()["results"]}


def test_editor_adds_results_and_an_origin_to_their_draft(client, editor, make_measure):
    draft = make_measure("a")
    origin = make_measure("b", Status.PUBLISHED, title="Smart region platform")
    client.force_login(editor)

    response = client.post(
        change_url(draft),
        change_form_data(
            draft,
            evidence_level="monitored",
            budget_band="250k-1m",
            duration_months="24",
            funding_erdf="on",
            **with_indicator(achieved_on="2022-02-01", achieved_on_precision="month"),
            **with_origin(origin=origin.pk),
        ),
    )

    assert response.status_code == 302, form_errors(response)
    draft.refresh_from_db()
    assert (draft.evidence_level, draft.budget_band, draft.duration_months) == (
        "monitored",
        "250k-1m",
        24,
    )
    assert draft.funding_erdf
    indicator = draft.indicators.get()
    assert (indicator.name, indicator.achieved, indicator.achieved_when) == (
        "Participants",
        80,
        "February 2022",
    )
    assert draft.origins.get().origin == origin


def test_editor_cannot_add_results_or_origins_to_their_published_measure(
    client, editor, make_measure
):
    published = make_measure("a", Status.PUBLISHED)
    origin = make_measure("b", Status.PUBLISHED)
    client.force_login(editor)

    response = client.post(
        change_url(published),
        change_form_data(published, **with_indicator(), **with_origin(origin=origin.pk)),
    )

    assert response.status_code == 302, form_errors(response)
    assert not Indicator.objects.exists()
    assert not Lineage.objects.exists()


def test_editors_change_of_a_published_measures_resources_waits_for_review(
    client, editor, coordinator, make_measure
):
    published = make_measure("a", Status.PUBLISHED)
    client.force_login(editor)

    client.post(
        change_url(published),
        change_form_data(published, evidence_level="evaluated", funding_private="on"),
    )

    published.refresh_from_db()
    assert published.evidence_level == ""
    assert not published.funding_private
    assert "Evaluated" not in client.get(f"/en/measures/{published.slug}/").content.decode()
    client.force_login(coordinator)
    diff = client.get(change_url(published)).content.decode()
    assert "Evidence level" in diff
    client.post(revision_url(published), {"approve": "1", "comment": ""})
    published.refresh_from_db()
    assert published.evidence_level == "evaluated"
    assert published.funding_private


def test_coordinator_adds_results_and_an_origin_to_a_published_measure(
    client, coordinator, make_measure
):
    published = make_measure("a", Status.PUBLISHED, title="Municipal IoT pilot")
    origin = make_measure("b", Status.PUBLISHED, title="Smart region platform")
    client.force_login(coordinator)

    response = client.post(
        change_url(published),
        change_form_data(published, **with_indicator(), **with_origin(origin=origin.pk)),
    )

    assert response.status_code == 302, form_errors(response)
    page = client.get(f"/en/measures/{origin.slug}/").content.decode()
    assert "Municipal IoT pilot" in page
    assert "Participants" in client.get(f"/en/measures/{published.slug}/").content.decode()


def test_origin_search_offers_what_the_editor_sees_and_every_published_measure(
    client, editor, make_measure
):
    make_measure("a", title="Own draft")
    make_measure("b", Status.PUBLISHED, title="Their published platform")
    make_measure("b", title="Their secret draft")
    client.force_login(editor)

    assert autocomplete(client) == {"Own draft", "Their published platform"}
    assert autocomplete(client, "secret") == set()


def test_the_measure_list_itself_still_shows_an_editor_only_their_own(client, editor, make_measure):
    make_measure("a", title="Own draft")
    make_measure("b", Status.PUBLISHED, title="Their published platform")
    client.force_login(editor)

    html = client.get("/admin/measures/measure/?review=all").content.decode()

    assert "Own draft" in html
    assert "Their published platform" not in html


@pytest.mark.parametrize("value", ["not-a-number", "999999"])
def test_a_tampered_origin_is_a_form_error(client, editor, make_measure, value):
    draft = make_measure("a")
    client.force_login(editor)

    response = client.post(change_url(draft), change_form_data(draft, **with_origin(origin=value)))

    assert response.status_code == 200
    assert not Lineage.objects.exists()


def test_another_partners_draft_cannot_be_named_as_origin(client, editor, make_measure):
    draft = make_measure("a")
    secret = make_measure("b", title="Their secret draft")
    client.force_login(editor)

    response = client.post(
        change_url(draft), change_form_data(draft, **with_origin(origin=secret.pk))
    )

    assert response.status_code == 200
    assert "Their secret draft" not in response.content.decode()
    assert not Lineage.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Choose the measure of the catalogue, or name one outside it."),
        ({"origin_name": "Digibale", "origin": "self"}, "not both"),
        ({"origin": "self"}, "A measure cannot come from itself."),
        ({"origin_name": "Digibale", "origin_place": ""}, None),
    ],
)
def test_an_origin_must_be_one_measure_or_one_outside_practice(
    client, coordinator, make_measure, fields, message
):
    draft = make_measure("a")
    fields = {k: (draft.pk if v == "self" else v) for k, v in fields.items()}
    client.force_login(coordinator)

    response = client.post(change_url(draft), change_form_data(draft, **with_origin(**fields)))

    if message is None:
        assert response.status_code == 302, form_errors(response)
        assert draft.origins.get().origin_name == "Digibale"
    else:
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Lineage.objects.exists()


def test_an_indicator_needs_a_figure(client, coordinator, make_measure):
    draft = make_measure("a")
    client.force_login(coordinator)

    response = client.post(
        change_url(draft), change_form_data(draft, **with_indicator(achieved=""))
    )

    assert response.status_code == 200
    assert "Give at least one figure: baseline, target or achieved." in response.content.decode()
    assert not Indicator.objects.exists()
