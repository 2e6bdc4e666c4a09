"""Who hears about what: e-mails on submission, publication, requests for changes and revisions."""

import pytest
from django.core import mail
from django.db import transaction
from post_office.models import Email

from measures.models import Measure
from measures.review import workflow
from partners.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.mailboxes import use_outbox
from tests.staff import (
    change_form_data,
    change_url,
    create_staff_user,
    transition_url,
)

pytestmark = pytest.mark.django_db

Status = Measure.Status


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def second_coordinator(partner_b):
    return create_staff_user("cecil", partner_b, "coordinator")


@pytest.fixture
def coordinator_without_email(lead_partner):
    user = UserFactory(username="silent", email="", is_staff=True)
    MembershipFactory(user=user, partner=lead_partner, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def editor_without_email(partner_a):
    user = UserFactory(username="quiet", email="", is_staff=True)
    MembershipFactory(user=user, partner=partner_a, role=Membership.Role.EDITOR)
    return user


def test_each_coordinator_gets_one_email_when_a_measure_is_submitted(
    client,
    django_capture_on_commit_callbacks,
    editor,
    colleague,
    other_editor,
    coordinator,
    second_coordinator,
    coordinator_without_email,
    make_measure,
):
    measure = make_measure("a", Status.DRAFT, title="Digital village assistants")
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(measure), change_form_data(measure, _submit_for_review="Save and send")
        )

    assert response.status_code == 302
    assert recipients() == ["cecil@example.org", "cora@example.org"]
    message = mail.outbox[0]
    assert message.subject == "For review: Digital village assistants"
    assert "erika of WITENO GmbH has sent the measure “Digital village assistants”" in message.body
    assert f"http://testserver/admin/measures/measure/{measure.pk}/change/" in message.body


def test_the_mails_of_a_move_are_queued_in_the_moves_own_transaction(
    settings, tmp_path, django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    use_outbox(settings, tmp_path)
    measure = make_measure("a", Status.DRAFT, title="Digital village assistants")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.transition(measure, Status.SUBMITTED, editor)

    # Nothing waits for the commit: a crash just after it cannot lose the mail.
    assert callbacks == []
    assert [(email.to, email.subject) for email in Email.objects.all()] == [
        (["cora@example.org"], "For review: Digital village assistants")
    ]
    assert mail.outbox == []


def test_a_move_rolled_back_leaves_no_mail_behind(
    settings, tmp_path, editor, coordinator, make_measure
):
    use_outbox(settings, tmp_path)
    measure = make_measure("a", Status.DRAFT)

    def move_then_fail():
        with transaction.atomic():
            workflow.transition(measure, Status.SUBMITTED, editor)
            raise RuntimeError("whatever the move was part of failed")

    with pytest.raises(RuntimeError):
        move_then_fail()

    assert Measure.objects.get(pk=measure.pk).status == Status.DRAFT
    assert not Email.objects.exists()


def test_partners_editors_hear_when_their_measure_is_published(
    client,
    django_capture_on_commit_callbacks,
    editor,
    colleague,
    editor_without_email,
    other_editor,
    coordinator,
    make_measure,
):
    measure = make_measure("a", Status.SUBMITTED, title="Digital village assistants")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(transition_url(measure), {"to_status": "published"})

    assert recipients() == ["carl@example.org", "erika@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Published: Digital village assistants"
    assert f"http://testserver/en/measures/{measure.slug}/" in message.body
    assert f"http://testserver/admin/measures/measure/{measure.pk}/change/" in message.body


def test_partners_editors_get_the_reason_when_changes_are_requested(
    client, django_capture_on_commit_callbacks, editor, other_editor, coordinator, make_measure
):
    measure = make_measure("a", Status.SUBMITTED, title="Digital village assistants")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            transition_url(measure),
            {"to_status": "changes_requested", "comment": "Add the number of volunteers."},
        )

    assert recipients() == ["erika@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Changes requested: Digital village assistants"
    assert "Add the number of volunteers." in message.body
    assert f"http://testserver/admin/measures/measure/{measure.pk}/change/" in message.body


def test_bulk_request_for_changes_tells_each_partners_editors_about_their_own_measure(
    client, django_capture_on_commit_callbacks, editor, other_editor, coordinator, make_measure
):
    own = make_measure("a", Status.SUBMITTED, title="Measure of WITENO")
    others = make_measure("b", Status.SUBMITTED, title="Measure of DIBA")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/measures/measure/",
            {
                "action": "request_changes_selected",
                "_selected_action": [own.pk, others.pk],
                "index": "0",
                "reason": "Add figures.",
            },
        )

    sent = {message.to[0]: message.subject for message in mail.outbox}
    assert sent == {
        "erika@example.org": "Changes requested: Measure of WITENO",
        "oskar@example.org": "Changes requested: Measure of DIBA",
    }


def test_outside_a_request_links_point_at_the_configured_site(
    settings, django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    settings.SITE_URL = "https://catalogue.example.org/"
    measure = make_measure("a", Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(measure, Status.PUBLISHED, coordinator)

    assert (
        f"https://catalogue.example.org/admin/measures/measure/{measure.pk}/change/"
        in mail.outbox[0].body
    )


def test_nobody_without_an_email_address_is_written_to(
    django_capture_on_commit_callbacks,
    editor_without_email,
    coordinator_without_email,
    make_measure,
):
    measure = make_measure("a", Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(measure, Status.SUBMITTED, editor_without_email)
        workflow.transition(measure, Status.PUBLISHED, coordinator_without_email)

    assert mail.outbox == []


def test_inactive_coordinators_are_not_written_to(
    django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    coordinator.is_active = False
    coordinator.save()
    measure = make_measure("a", Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(measure, Status.SUBMITTED, editor)

    assert mail.outbox == []


def test_coordinators_hear_of_proposed_changes_and_editors_of_the_decision(
    client, django_capture_on_commit_callbacks, editor, other_editor, coordinator, make_measure
):
    measure = make_measure("a", Status.PUBLISHED, title="Digital village assistants")
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(measure), change_form_data(measure, summary="A new summary."))

    assert recipients() == ["cora@example.org"]
    assert mail.outbox[0].subject == "Changes to review: Digital village assistants"
    mail.outbox.clear()
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/measures/measure/{measure.pk}/revision/",
            {"reject": "1", "comment": "Keep the old summary."},
        )

    assert recipients() == ["erika@example.org"]
    assert mail.outbox[0].subject == "Your changes to Digital village assistants: rejected"
    assert "Keep the old summary." in mail.outbox[0].body


def test_a_refused_move_sends_nothing(
    client, django_capture_on_commit_callbacks, editor, coordinator, make_measure
):
    measure = make_measure("a", Status.SUBMITTED)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(transition_url(measure), {"to_status": "published"})

    assert mail.outbox == []


def test_mails_of_a_move_made_in_the_admin_link_to_site_url_whatever_the_host(
    client,
    django_capture_on_commit_callbacks,
    editor,
    coordinator,
    make_measure,
    public_site,
    foreign_host,
):
    measure = make_measure("a", Status.SUBMITTED)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(transition_url(measure), {"to_status": "published"}, HTTP_HOST=foreign_host)

    body = mail.outbox[0].body
    assert f"{public_site}/en/measures/{measure.slug}/" in body
    assert f"{public_site}/admin/measures/measure/{measure.pk}/change/" in body
    assert "localhost" not in body


def test_mails_of_a_revision_link_to_site_url_whatever_the_host(
    client,
    django_capture_on_commit_callbacks,
    editor,
    coordinator,
    make_measure,
    public_site,
    foreign_host,
):
    measure = make_measure("a", Status.PUBLISHED)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            change_url(measure),
            change_form_data(measure, summary="A new summary."),
            HTTP_HOST=foreign_host,
        )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/measures/measure/{measure.pk}/revision/",
            {"approve": "1", "comment": "Thanks."},
            HTTP_HOST=foreign_host,
        )

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert f"{public_site}/admin/measures/measure/{measure.pk}/change/" in message.body
        assert "localhost" not in message.body
