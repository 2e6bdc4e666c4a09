"""The outbox in the admin: operators see every mail and requeue failed ones; no one else."""

import pytest
from django.contrib.auth.models import Group, Permission
from post_office.models import STATUS, Email

from measures.review.groups import COORDINATORS, EDITORS

pytestmark = pytest.mark.django_db

MAILS = "/admin/post_office/email/"


def mail(subject, status, **fields):
    return Email.objects.create(
        from_email="catalogue@example.org",
        to=["cora@example.org"],
        subject=subject,
        message="Body.",
        status=status,
        **fields,
    )


@pytest.fixture
def mails():
    return {
        "queued": mail("For review: Village hubs", STATUS.queued),
        "sent": mail("Published: Village hubs", STATUS.sent),
        "failed": mail("Changes requested: Village hubs", STATUS.failed, number_of_retries=200),
    }


def test_operators_see_queued_sent_and_failed_mails(client, superuser, mails):
    client.force_login(superuser)

    page = client.get(MAILS).content.decode()

    for email in mails.values():
        assert email.subject in page
    assert client.get(f"{MAILS}?status={STATUS.failed}").context["cl"].result_count == 1
    assert client.get(f"{MAILS}{mails['failed'].pk}/change/").status_code == 200


def test_an_operator_requeues_a_failed_mail_with_all_its_retries(client, superuser, mails):
    client.force_login(superuser)
    failed = mails["failed"]

    response = client.post(
        MAILS, {"action": "requeue", "_selected_action": [failed.pk, mails["sent"].pk]}
    )

    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.number_of_retries, failed.scheduled_time) == (
        STATUS.queued,
        0,
        None,
    )
    assert Email.objects.get(pk=mails["sent"].pk).status == STATUS.sent


@pytest.mark.parametrize("role", ["coordinator", "editor"])
def test_coordinators_and_editors_never_see_the_outbox(client, request, role, mails):
    client.force_login(request.getfixturevalue(role))

    assert client.get(MAILS).status_code == 403
    assert client.get(f"{MAILS}{mails['sent'].pk}/change/").status_code == 403
    assert client.get("/admin/post_office/log/").status_code == 403
    assert "post_office" not in client.get("/admin/").content.decode()


def test_the_groups_hold_no_permission_on_the_outbox():
    for name in (EDITORS, COORDINATORS):
        granted = Group.objects.get(name=name).permissions
        assert not granted.filter(content_type__app_label="post_office").exists()


def test_an_outbox_permission_given_by_hand_still_shows_a_coordinator_nothing(
    client, coordinator, mails
):
    Group.objects.get(name=COORDINATORS).permissions.add(
        *Permission.objects.filter(content_type__app_label="post_office")
    )
    client.force_login(coordinator)

    assert client.get(MAILS).status_code == 403
