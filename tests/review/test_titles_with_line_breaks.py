"""A title stored with a line break (before titles were checked) still travels through review.

Its mails go out with a one-line subject: a header with a line break is refused by
Django's mail, which used to turn the move into a server error after the state had
changed, and lose the mails.
"""

import pytest
from django.core import mail

from measures.models import Measure, MeasureRevision
from measures.review import notifications, workflow
from tests.staff import change_form_data, change_url, transition_url

pytestmark = pytest.mark.django_db

Status = Measure.Status

BROKEN_TITLE = "Village e-service points\r\nBcc: evil@example.org"
ONE_LINE = "Village e-service points Bcc: evil@example.org"


def stored_with_broken_title(make_measure, partner="a", status=Status.DRAFT):
    """A measure whose title holds a line break, written past every check."""
    measure = make_measure(partner, status)
    Measure.objects.filter(pk=measure.pk).update(title=BROKEN_TITLE)
    measure.refresh_from_db()
    return measure


def sent_headers():
    """Every mail sent, as the headers its message carries (building them checks them)."""
    return [message.message() for message in mail.outbox]


def assert_one_line_subjects(expected):
    assert mail.outbox
    for headers in sent_headers():
        assert not {"\r", "\n"} & set(headers["Subject"])
        assert headers["Subject"] == expected
        assert headers["Bcc"] is None


def test_a_title_with_a_line_break_can_be_sent_to_review_and_the_coordinators_hear(
    client, django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    measure = stored_with_broken_title(make_measure)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(transition_url(measure), {"to_status": Status.SUBMITTED})

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == Status.SUBMITTED
    assert [message.to for message in mail.outbox] == [["cora@example.org"]]
    assert_one_line_subjects(f"For review: {ONE_LINE}")


def test_a_title_with_a_line_break_can_be_published_and_the_editors_hear(
    client, django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    measure = stored_with_broken_title(make_measure, status=Status.SUBMITTED)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(transition_url(measure), {"to_status": Status.PUBLISHED})

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == Status.PUBLISHED
    assert [message.to for message in mail.outbox] == [["erika@example.org"]]
    assert_one_line_subjects(f"Published: {ONE_LINE}")
    assert client.get(f"/en/measures/{measure.slug}/").status_code == 200


def test_revision_mails_about_a_title_with_a_line_break_have_one_line_subjects(
    django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    measure = stored_with_broken_title(make_measure, status=Status.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        revision = workflow.propose_revision(measure, {"summary": "Shorter."}, editor)
    assert_one_line_subjects(f"Changes to review: {ONE_LINE}")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_revision(revision, coordinator)
    assert MeasureRevision.objects.get().status == MeasureRevision.Status.APPROVED
    assert_one_line_subjects(f"Your changes to {ONE_LINE}: approved")


def test_the_reminder_about_a_partner_with_a_line_break_in_its_name_has_one_line(
    editor, partner_a, make_measure
):
    partner_a.short_name = "WITENO\r\nBcc: evil@example.org"
    measure = make_measure("a", Status.PUBLISHED)

    notifications.verification_due(partner_a, [measure], "https://example.org/overdue/")

    (headers,) = sent_headers()
    assert headers["Subject"] == (
        "Still current? 1 measure of WITENO Bcc: evil@example.org to check"
    )


def test_save_and_send_to_review_refuses_a_title_with_a_line_break(
    client, django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    measure = make_measure("a", Status.DRAFT)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(measure),
            change_form_data(measure, title=BROKEN_TITLE, _submit_for_review="Save and send"),
        )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["title"] == [
        "Write this on one line: without line breaks, tabs or other invisible control characters."
    ]
    measure.refresh_from_db()
    assert measure.status == Status.DRAFT
    assert "\n" not in measure.title
    assert mail.outbox == []
