"""The review workflow through admin requests: draft → submitted → published and back again."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from measures.models import Measure, MeasureTransition
from measures.review import workflow
from tests.staff import (
    add_form_data,
    change_form_data,
    change_url,
    form_errors,
    links_management_form,
    messages_of,
    public_url,
    transition_url,
)

pytestmark = pytest.mark.django_db

Status = Measure.Status


def error_beside(html, field):
    """The error text shown in the form row of `field`, or None."""
    match = re.search(
        rf'<div class="form-row errors field-{field}">\s*'
        r'<ul class="errorlist"[^>]*>\s*<li>(.*?)</li>',
        html,
        re.DOTALL,
    )
    return match and match.group(1)


def timeline(measure):
    return [
        (record.user.username, record.from_status, record.to_status, record.comment)
        for record in measure.transitions.order_by("created_at", "pk")
    ]


def test_a_measure_goes_from_draft_through_review_to_the_public(
    client, editor, coordinator, region_a, partner_a, theme, target_group
):
    client.force_login(editor)
    data = add_form_data(
        region_a,
        partner_a,
        [theme],
        [target_group],
        **{
            "links-TOTAL_FORMS": "1",
            "links-0-title": "Project page",
            "links-0-url": "https://example.org/assistants",
            "links-0-position": "0",
        },
    )
    response = client.post("/admin/measures/measure/add/", data)
    assert response.status_code == 302, form_errors(response)
    measure = Measure.objects.get(title="Digital village assistants")
    assert (measure.status, measure.partner, measure.created_by) == (
        Status.DRAFT,
        partner_a,
        editor,
    )
    assert measure.slug == "digital-village-assistants"
    assert [link.url for link in measure.links.all()] == ["https://example.org/assistants"]

    response = client.post(
        change_url(measure),
        change_form_data(measure, _submit_for_review="Save and send to review"),
    )
    assert response.status_code == 302, form_errors(response)
    assert "Sent to review. A coordinator will look at it." in messages_of(response)
    measure.refresh_from_db()
    assert measure.status == Status.SUBMITTED
    assert measure.submitted_at is not None
    assert client.get(public_url(measure)).status_code == 200  # the editor's preview

    client.force_login(coordinator)
    response = client.post(
        transition_url(measure),
        {"to_status": "changes_requested", "comment": "Add the number of volunteers."},
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(measure)
    measure.refresh_from_db()
    assert measure.status == Status.CHANGES_REQUESTED

    client.force_login(editor)
    response = client.post(
        change_url(measure),
        change_form_data(
            measure,
            evidence="42 volunteers helped 900 people in 2023.",
            _submit_for_review="Save and send to review",
        ),
    )
    assert response.status_code == 302, form_errors(response)
    measure.refresh_from_db()
    assert measure.status == Status.SUBMITTED
    assert measure.evidence == "42 volunteers helped 900 people in 2023."

    client.logout()
    assert client.get(public_url(measure)).status_code == 404

    client.force_login(coordinator)
    response = client.post(transition_url(measure), {"to_status": "published", "comment": ""})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == Status.PUBLISHED
    assert measure.published_at is not None

    client.logout()
    public = client.get(public_url(measure))
    assert public.status_code == 200
    assert "42 volunteers helped 900 people in 2023." in public.content.decode()
    assert timeline(measure) == [
        ("erika", "draft", "submitted", ""),
        ("cora", "submitted", "changes_requested", "Add the number of volunteers."),
        ("erika", "changes_requested", "submitted", ""),
        ("cora", "submitted", "published", ""),
    ]


def test_editor_creates_and_submits_in_one_step(
    client, editor, region_a, partner_a, theme, target_group
):
    client.force_login(editor)

    response = client.post(
        "/admin/measures/measure/add/",
        add_form_data(
            region_a, partner_a, [theme], [target_group], _submit_for_review="Save and send"
        ),
    )

    assert response.status_code == 302, form_errors(response)
    measure = Measure.objects.get(title="Digital village assistants")
    assert measure.status == Status.SUBMITTED
    assert timeline(measure) == [("erika", "draft", "submitted", "")]


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_request_for_changes_without_a_reason_is_refused(
    client, coordinator, make_measure, comment
):
    measure = make_measure(status=Status.SUBMITTED)
    client.force_login(coordinator)

    response = client.post(
        transition_url(measure), {"to_status": "changes_requested", "comment": comment}
    )

    assert response.status_code == 302
    assert "Say what should change: the editors will read your reason." in messages_of(response)
    measure.refresh_from_db()
    assert measure.status == Status.SUBMITTED
    assert not measure.transitions.exists()


REVIEW_MESSAGES = {
    "description": "Describe the measure before sending it to review.",
    "problem": "Say which problem the measure addresses before sending it to review.",
    "implementation": "Say whether the measure is planned, running or completed.",
    "target_groups": "Choose at least one target group before sending it to review.",
}


def test_incomplete_submission_shows_the_messages_beside_the_fields(client, editor, make_measure):
    measure = make_measure(status=Status.DRAFT, description="", problem="", implementation="")
    measure.target_groups.clear()
    client.force_login(editor)

    response = client.post(
        change_url(measure),
        change_form_data(measure, _submit_for_review="Save and send to review"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    for field, message in REVIEW_MESSAGES.items():
        assert error_beside(html, field) == message, field
    measure.refresh_from_db()
    assert measure.status == Status.DRAFT
    assert not measure.transitions.exists()


def test_incomplete_new_measure_is_not_created_when_sent_to_review(
    client, editor, region_a, partner_a, theme
):
    client.force_login(editor)

    response = client.post(
        "/admin/measures/measure/add/",
        add_form_data(
            region_a,
            partner_a,
            [theme],
            description=" ",
            problem="",
            implementation="",
            _submit_for_review="Save and send to review",
        ),
    )

    assert response.status_code == 200
    assert set(form_errors(response)) == set(REVIEW_MESSAGES)
    assert not Measure.objects.exists()


def test_a_draft_may_be_saved_incomplete(client, editor, make_measure):
    measure = make_measure(status=Status.DRAFT, problem="")
    client.force_login(editor)

    response = client.post(change_url(measure), change_form_data(measure, summary="Shorter."))

    assert response.status_code == 302, form_errors(response)
    measure.refresh_from_db()
    assert (measure.status, measure.summary) == (Status.DRAFT, "Shorter.")


def test_every_transition_is_recorded_once_with_who_from_to_and_comment(
    editor, coordinator, make_measure
):
    measure = make_measure(status=Status.DRAFT)
    before = timezone.now()

    workflow.transition(measure, Status.SUBMITTED, editor)
    workflow.transition(measure, Status.CHANGES_REQUESTED, coordinator, "  Shorter summary.  ")
    workflow.transition(measure, Status.SUBMITTED, editor, "Shortened.")
    workflow.transition(measure, Status.PUBLISHED, coordinator)
    workflow.transition(measure, Status.ARCHIVED, coordinator, "Ended in 2024.")
    workflow.transition(measure, Status.PUBLISHED, coordinator, "Running again.")

    assert timeline(measure) == [
        ("erika", "draft", "submitted", ""),
        ("cora", "submitted", "changes_requested", "Shorter summary."),
        ("erika", "changes_requested", "submitted", "Shortened."),
        ("cora", "submitted", "published", ""),
        ("cora", "published", "archived", "Ended in 2024."),
        ("cora", "archived", "published", "Running again."),
    ]
    assert all(record.created_at >= before for record in measure.transitions.all())


def test_refused_transition_records_nothing(editor, make_measure):
    measure = make_measure(status=Status.SUBMITTED)

    with pytest.raises(PermissionDenied):
        workflow.transition(measure, Status.PUBLISHED, editor)

    measure.refresh_from_db()
    assert measure.status == Status.SUBMITTED
    assert not measure.transitions.exists()


def test_the_timeline_is_shown_on_the_change_page(client, editor, coordinator, make_measure):
    measure = make_measure(status=Status.SUBMITTED)
    workflow.transition(measure, Status.CHANGES_REQUESTED, coordinator, "Add figures.")
    client.force_login(editor)

    html = client.get(change_url(measure)).content.decode()

    assert re.search(r"cora\s+asked for changes", html)
    assert "changes_requested" not in html.split('id="timeline-heading"')[1].split("</details>")[0]
    assert "<blockquote>Add figures.</blockquote>" in html


def test_second_of_two_moves_from_the_same_stale_state_is_refused(coordinator, make_measure):
    measure = make_measure(status=Status.SUBMITTED)
    seen_by_first = Measure.objects.get(pk=measure.pk)
    seen_by_second = Measure.objects.get(pk=measure.pk)

    workflow.transition(seen_by_first, Status.PUBLISHED, coordinator)
    with pytest.raises(workflow.WorkflowError, match="Someone else changed the state"):
        workflow.transition(seen_by_second, Status.CHANGES_REQUESTED, coordinator, "Too vague.")

    measure.refresh_from_db()
    assert measure.status == Status.PUBLISHED
    assert MeasureTransition.objects.filter(measure=measure).count() == 1


def test_second_reviewer_publishing_the_same_measure_is_refused(
    coordinator, superuser, make_measure
):
    measure = make_measure(status=Status.SUBMITTED)
    stale = Measure.objects.get(pk=measure.pk)
    workflow.transition(measure, Status.PUBLISHED, superuser)

    with pytest.raises(workflow.WorkflowError):
        workflow.transition(stale, Status.PUBLISHED, coordinator)

    assert MeasureTransition.objects.filter(measure=measure).count() == 1
    assert MeasureTransition.objects.get(measure=measure).user == superuser


def test_archived_then_republished_measure_keeps_its_first_publication_date(
    client, coordinator, make_measure
):
    measure = make_measure(status=Status.SUBMITTED)
    client.force_login(coordinator)
    client.post(transition_url(measure), {"to_status": "published"})
    measure.refresh_from_db()
    first_published = measure.published_at

    client.post(transition_url(measure), {"to_status": "archived"})
    measure.refresh_from_db()
    assert measure.status == Status.ARCHIVED
    assert measure.published_at == first_published
    client.logout()
    assert client.get(public_url(measure)).status_code == 404

    client.force_login(coordinator)
    client.post(transition_url(measure), {"to_status": "published"})

    measure.refresh_from_db()
    assert measure.status == Status.PUBLISHED
    assert measure.published_at == first_published


def test_submitting_again_updates_the_submission_time(editor, coordinator, make_measure):
    measure = make_measure(status=Status.SUBMITTED, submitted_at=timezone.now() - timedelta(days=3))
    workflow.transition(measure, Status.CHANGES_REQUESTED, coordinator, "More detail.")

    workflow.transition(measure, Status.SUBMITTED, editor)

    measure.refresh_from_db()
    assert timezone.now() - measure.submitted_at < timedelta(minutes=1)


@pytest.mark.parametrize("state", [Status.SUBMITTED, Status.PUBLISHED, Status.ARCHIVED])
def test_editor_cannot_rewrite_a_measure_out_of_their_hands_by_reverting_an_old_version(
    client, editor, make_measure, state
):
    """An old version of a measure in review or online holds the draft state and text."""
    measure = make_measure(status=Status.DRAFT)
    draft_version = measure.history.order_by("history_date").last()
    measure.status = state
    measure.published_at = timezone.now() if state != Status.SUBMITTED else None
    measure.save()
    client.force_login(editor)

    response = client.post(
        f"/admin/measures/measure/{measure.pk}/history/{draft_version.history_id}/",
        change_form_data(measure, summary="Rewritten without review."),
    )

    assert response.status_code == 403
    measure.refresh_from_db()
    assert measure.status == state
    assert measure.summary != "Rewritten without review."


def test_old_versions_can_be_read_but_offer_no_revert_button(client, editor, make_measure):
    measure = make_measure(status=Status.DRAFT)
    measure.summary = "Second wording."
    measure.save()
    first = measure.history.order_by("history_date").first()
    client.force_login(editor)

    response = client.get(f"/admin/measures/measure/{measure.pk}/history/{first.history_id}/")

    assert response.status_code == 200
    assert response.context["revert_disabled"] is True
    assert 'name="_save"' not in response.content.decode()


def test_links_cannot_be_added_to_a_submitted_measure_by_its_editor(client, editor, make_measure):
    measure = make_measure(status=Status.SUBMITTED)
    client.force_login(editor)
    data = change_form_data(measure)
    data.update(
        {
            **links_management_form(),
            "links-TOTAL_FORMS": "1",
            "links-0-title": "Sneaky link",
            "links-0-url": "https://example.org/sneaky",
        }
    )

    response = client.post(change_url(measure), data)

    assert response.status_code == 403
    assert not measure.links.exists()


def test_publishing_marks_the_measure_as_verified_today(make_measure, coordinator):
    measure = make_measure(status=Status.SUBMITTED, last_verified=None)

    workflow.transition(measure, Status.PUBLISHED, coordinator)

    measure.refresh_from_db()
    assert measure.last_verified == timezone.localdate()
