"""A mail the mail server refuses is tried again later, with longer waits each time, until sent."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.utils import timezone
from post_office.models import STATUS, Email

from next2met.outbox import delivery
from tests.mailboxes import LOCMEM, REFUSING, deliver, time_passes

pytestmark = pytest.mark.django_db


def send_one():
    send_mail("For review: Village hubs", "Body.", "catalogue@example.org", ["cora@example.org"])
    return Email.objects.get()


def waits_after_each_failure(email, failures):
    """The wait the mail was given after each of `failures` refused deliveries."""
    waits = []
    for _ in range(failures):
        time_passes()
        deliver()
        email.refresh_from_db()
        waits.append(email.scheduled_time - email.last_updated)
    return waits


def test_the_wait_doubles_from_a_minute_up_to_an_hour(settings):
    settings.N2M_MAIL_RETRY_FIRST_SECONDS = 60
    settings.N2M_MAIL_RETRY_MAX_SECONDS = 3600

    minutes = [delivery.retry_delay(n) / timedelta(minutes=1) for n in range(1, 10)]

    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert delivery.retry_delay(10_000) == timedelta(hours=1)


def test_a_refused_mail_waits_longer_after_each_failure(outbox):
    outbox.POST_OFFICE["BACKENDS"]["default"] = REFUSING
    email = send_one()

    waits = waits_after_each_failure(email, 8)

    assert [wait / timedelta(minutes=1) for wait in waits] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 8
    assert mail.outbox == []


def test_a_waiting_mail_is_not_tried_before_its_time(outbox):
    outbox.POST_OFFICE["BACKENDS"]["default"] = REFUSING
    email = send_one()
    deliver()
    outbox.POST_OFFICE["BACKENDS"]["default"] = LOCMEM

    deliver()

    email.refresh_from_db()
    assert (email.status, email.number_of_retries) == (STATUS.requeued, 1)
    assert mail.outbox == []


def test_a_refused_mail_is_delivered_once_when_the_server_is_back(outbox):
    outbox.POST_OFFICE["BACKENDS"]["default"] = REFUSING
    email = send_one()
    waits_after_each_failure(email, 3)
    outbox.POST_OFFICE["BACKENDS"]["default"] = LOCMEM

    time_passes()
    deliver()
    time_passes()
    deliver()

    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [message.to for message in mail.outbox] == [["cora@example.org"]]


def test_a_mail_that_runs_out_of_retries_is_failed_and_left_alone(outbox):
    outbox.POST_OFFICE["BACKENDS"]["default"] = REFUSING
    outbox.POST_OFFICE["MAX_RETRIES"] = 2
    email = send_one()

    waits_after_each_failure(email, 4)

    assert email.status == STATUS.failed
    assert email.number_of_retries == 2
    assert email.logs.filter(status=STATUS.failed).count() == 3
    assert "Connection refused" in email.logs.first().message


def test_the_default_retries_outlast_a_week_long_outage(settings):
    retries = settings.POST_OFFICE["MAX_RETRIES"]

    covered = sum((delivery.retry_delay(n) for n in range(1, retries + 1)), timedelta())

    assert covered > timedelta(days=7)


def test_a_requeued_mail_gets_all_its_retries_again(outbox):
    outbox.POST_OFFICE["BACKENDS"]["default"] = REFUSING
    outbox.POST_OFFICE["MAX_RETRIES"] = 1
    email = send_one()
    waits_after_each_failure(email, 2)
    assert email.status == STATUS.failed

    assert delivery.requeue(Email.objects.all()) == 1

    email.refresh_from_db()
    assert (email.status, email.number_of_retries, email.scheduled_time) == (STATUS.queued, 0, None)
    outbox.POST_OFFICE["BACKENDS"]["default"] = LOCMEM
    deliver()
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert len(mail.outbox) == 1


def test_a_sent_mail_is_not_requeued(outbox):
    email = send_one()
    deliver()

    assert delivery.requeue(Email.objects.all()) == 0
    deliver()

    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert len(mail.outbox) == 1


def test_the_worker_sends_a_mail_once_however_often_it_runs(outbox):
    send_one()

    for _ in range(3):
        deliver()

    assert len(mail.outbox) == 1


def test_sent_mails_are_deleted_after_the_retention_and_the_others_kept(outbox):
    outbox.N2M_MAIL_KEEP_SENT_DAYS = 90
    old_sent, recent_sent, old_failed, old_waiting = (
        Email.objects.create(
            from_email="catalogue@example.org", to=["anna@example.org"], status=status
        )
        for status in (STATUS.sent, STATUS.sent, STATUS.failed, STATUS.queued)
    )
    long_ago = timezone.now() - timedelta(days=91)
    Email.objects.filter(pk__in=[old_sent.pk, old_failed.pk, old_waiting.pk]).update(
        created=long_ago, last_updated=long_ago, scheduled_time=timezone.now() + timedelta(days=1)
    )

    assert delivery.prune_sent() == 1

    assert set(Email.objects.values_list("pk", flat=True)) == {
        recent_sent.pk,
        old_failed.pk,
        old_waiting.pk,
    }
