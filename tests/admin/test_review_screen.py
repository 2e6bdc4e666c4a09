"""The review screen in people's words: line endings are no change, one comment box beside
its decision, every missing field in one summary, states and values named, never coded."""

import re
from html import unescape

import pytest
from django.urls import reverse

from measures.models import Measure, MeasureRevision
from measures.review import workflow
from tests.staff import change_form_data, change_url, form_errors

pytestmark = pytest.mark.django_db

Status = Measure.Status
TWO_PARAGRAPHS = "Nurses visit older people at home by video.\n\nThey call twice a week."


def post_change(client, measure, **changes):
    measure = Measure.objects.get(pk=measure.pk)
    return client.post(change_url(measure), change_form_data(measure, **changes))


def diff_rows(html):
    return re.findall(r'<tr><th scope="row">(.*?)</th><td class="diff__old">', html)


# Line endings


def test_a_change_of_line_endings_alone_proposes_no_revision(client, editor, make_measure):
    measure = make_measure(partner="a", status=Status.PUBLISHED, description=TWO_PARAGRAPHS)
    client.force_login(editor)

    response = post_change(client, measure, description=TWO_PARAGRAPHS.replace("\n", "\r\n"))

    assert response.status_code == 302, form_errors(response)
    assert not MeasureRevision.objects.filter(measure=measure).exists()


def test_a_saved_text_keeps_plain_line_breaks(client, editor, make_measure):
    measure = make_measure(partner="a", status=Status.DRAFT)
    client.force_login(editor)

    post_change(client, measure, description=TWO_PARAGRAPHS.replace("\n", "\r\n"))

    measure.refresh_from_db()
    assert measure.description == TWO_PARAGRAPHS


def test_the_diff_shows_no_row_for_a_text_stored_with_other_line_endings(
    client, editor, coordinator, make_measure
):
    # A description saved before line endings were normalised, and a proposal that
    # changes only the title: the description is not marked as changed.
    measure = make_measure(
        partner="a", status=Status.PUBLISHED, description=TWO_PARAGRAPHS.replace("\n", "\r\n")
    )
    client.force_login(editor)
    post_change(client, measure, title="Video nursing at home")
    client.force_login(coordinator)

    html = client.get(change_url(measure)).content.decode()

    assert [row.strip() for row in diff_rows(html)] == ["Title"]


def test_comparing_versions_leaves_out_line_endings(client, coordinator, make_measure):
    measure = make_measure(partner="a", status=Status.DRAFT, description=TWO_PARAGRAPHS)
    measure.description = TWO_PARAGRAPHS.replace("\n", "\r\n")
    measure.title = "Video nursing at home"
    measure.save()
    new, old = measure.history.order_by("-history_date")[:2]
    client.force_login(coordinator)

    html = client.get(
        reverse("admin:measures_measure_compare", args=[measure.pk])
        + f"?old={old.history_id}&new={new.history_id}"
    ).content.decode()

    assert [row.strip() for row in diff_rows(html)] == ["Title"]


# One comment box, beside the decision it goes with


def comment_boxes(html):
    return re.findall(r'<textarea[^>]*name="comment"', html)


def test_a_submitted_measure_has_one_comment_box_above_its_two_decisions(
    client, coordinator, make_measure
):
    measure = make_measure(partner="a", status=Status.SUBMITTED)
    client.force_login(coordinator)

    html = client.get(change_url(measure)).content.decode()

    assert len(comment_boxes(html)) == 1
    form = re.search(r"<form[^>]*workflow__decision.*?</form>", html, re.DOTALL).group(0)
    assert 'name="comment"' in form
    assert 'value="changes_requested"' in form
    assert 'value="published"' in form


def test_a_published_measure_with_proposed_changes_has_one_comment_box_beside_approve_and_reject(
    client, editor, coordinator, make_measure
):
    measure = make_measure(partner="a", status=Status.PUBLISHED, description=TWO_PARAGRAPHS)
    client.force_login(editor)
    post_change(client, measure, title="Video nursing at home")
    client.force_login(coordinator)

    html = client.get(change_url(measure)).content.decode()

    assert len(comment_boxes(html)) == 1
    revision_form = re.search(r'<form[^>]*/revision/"[^>]*>.*?</form>', html, re.DOTALL).group(0)
    assert 'name="comment"' in revision_form
    archive_form = re.search(r"<form[^>]*workflow__other.*?</form>", html, re.DOTALL).group(0)
    assert 'value="archived"' in archive_form
    assert "<textarea" not in archive_form


# The error summary


def test_an_incomplete_send_to_review_lists_every_missing_field_with_a_link(
    client, editor, make_measure
):
    measure = make_measure(partner="a", status=Status.DRAFT)
    client.force_login(editor)

    response = post_change(
        client, measure, summary="", problem="", _submit_for_review="Save and send to review"
    )

    assert response.status_code == 200
    missing = form_errors(response)
    assert {"summary", "problem"} <= set(missing)
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.DOTALL).group(0)
    links = dict(re.findall(r'<a href="#(id_\w+)"><strong>(.*?)</strong>', summary))
    for name in missing:
        assert f"id_{name}" in links, name
    assert links["id_summary"] == "Summary"
    # Each link leads to a field of the form.
    for anchor in links:
        assert f'id="{anchor}"' in html
    measure.refresh_from_db()
    assert measure.status == Status.DRAFT


def test_a_saved_form_shows_no_error_summary(client, editor, make_measure):
    measure = make_measure(partner="a", status=Status.DRAFT)
    client.force_login(editor)

    response = client.get(change_url(measure))

    assert "error-summary" not in response.content.decode()


# Human words in the timeline and the history


def test_the_timeline_says_what_people_did(client, editor, coordinator, make_measure):
    measure = make_measure(partner="a", status=Status.DRAFT)
    workflow.transition(measure, Status.SUBMITTED, editor)
    workflow.transition(measure, Status.CHANGES_REQUESTED, coordinator, "Add figures.")
    workflow.transition(measure, Status.SUBMITTED, editor)
    workflow.transition(measure, Status.PUBLISHED, coordinator)
    client.force_login(coordinator)

    html = client.get(change_url(measure)).content.decode()
    timeline = html.split('id="timeline-heading"')[1].split("</details>")[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", timeline).split())

    assert "sent it to review" in text
    assert "asked for changes" in text
    assert "published it" in text
    for code in ["changes_requested", "submitted", "draft →", "None"]:
        assert code not in text


def test_the_history_names_states_and_empty_values_in_words(client, coordinator, make_measure):
    measure = make_measure(partner="a", status=Status.SUBMITTED, end_year=None)
    measure.status = Status.CHANGES_REQUESTED
    measure.end_year = 2024
    measure.save()
    client.force_login(coordinator)

    html = client.get(reverse("admin:measures_measure_history", args=[measure.pk])).content.decode()
    table = html.split('id="change-history"')[1].split("</table>")[0]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", table)).split())

    assert "Publication status: submitted → becomes changes requested" in text
    assert "End year: not filled in → becomes 2024" in text
    for code in ["changes_requested", "None"]:
        assert code not in text
