"""/healthz tells monitoring how many mails wait, since when, and how many failed for good."""

from datetime import timedelta

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email

pytestmark = pytest.mark.django_db


def mail(status, minutes_ago):
    email = Email.objects.create(
        from_email="catalogue@example.org", to=["cora@example.org"], status=status
    )
    Email.objects.filter(pk=email.pk).update(
        created=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return email


def test_healthz_counts_waiting_mails_and_gives_the_age_of_the_oldest(client):
    mail(STATUS.queued, minutes_ago=5)
    mail(STATUS.requeued, minutes_ago=90)
    mail(STATUS.sent, minutes_ago=600)
    mail(STATUS.failed, minutes_ago=6000)

    body = client.get("/healthz").json()

    assert body["status"] == "ok"
    assert body["mail_waiting"] == 2
    assert 90 * 60 <= body["mail_oldest_waiting_seconds"] < 91 * 60
    assert body["mail_failed"] == 1


def test_healthz_with_an_empty_outbox(client):
    assert client.get("/healthz").json() == {
        "status": "ok",
        "mail_waiting": 0,
        "mail_oldest_waiting_seconds": None,
        "mail_failed": 0,
    }


def test_healthz_asks_the_database_once(client, django_assert_num_queries):
    mail(STATUS.queued, minutes_ago=5)

    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_a_backlog_of_mail_does_not_make_the_site_unhealthy(client):
    mail(STATUS.requeued, minutes_ago=3 * 24 * 60)

    assert client.get("/healthz").status_code == 200
