"""Delivering the outbox: sending what is due, spacing out retries, pruning, reporting.

django-post-office sends the due mails (`send_queued`) and puts a failed one back
in the queue at a fixed interval, up to POST_OFFICE["MAX_RETRIES"] times, after
which it is "failed". Here the waits grow instead: a mail that failed n times
waits N2M_MAIL_RETRY_FIRST_SECONDS × 2^(n-1), at most N2M_MAIL_RETRY_MAX_SECONDS,
so a mail server that is down for days is asked about once an hour, not flooded,
and nothing is lost before the retries run out.
"""

import fcntl
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone
from post_office import mail
from post_office.models import STATUS, Email

# Mails that are still to be delivered: never tried, or waiting for their next try.
WAITING = (STATUS.queued, STATUS.requeued)


class AnotherWorker(Exception):
    """Another worker on this machine is delivering the outbox; this one must not."""


def retry_delay(retries):
    """How long a mail that has failed `retries` times waits before its next try."""
    first = settings.N2M_MAIL_RETRY_FIRST_SECONDS
    longest = settings.N2M_MAIL_RETRY_MAX_SECONDS
    # min() before the power would overflow: 2**200 seconds is no timedelta.
    doublings = min(max(retries - 1, 0), 32)
    return timedelta(seconds=min(first * 2**doublings, longest))


def space_out_retries():
    """Give each mail waiting for a retry its growing wait; returns how many moved.

    post_office has just set every failed mail's next try to one fixed interval
    after the failure (its `last_updated`); this sets it from the number of
    failures instead. Running it again changes nothing.
    """
    moved = []
    waiting = Email.objects.filter(status=STATUS.requeued).only(
        "id", "number_of_retries", "last_updated", "scheduled_time"
    )
    for email in waiting:
        due = email.last_updated + retry_delay(email.number_of_retries or 1)
        if email.scheduled_time != due:
            email.scheduled_time = due
            moved.append(email)
    Email.objects.bulk_update(moved, ["scheduled_time"])
    return len(moved)


@dataclass
class Figures:
    """What one delivery round did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0

    def add(self, sent, failed, requeued):
        self.sent += sent
        self.failed += failed
        self.retried += requeued

    def __str__(self):
        return f"{self.sent} sent, {self.retried} to retry later, {self.failed} failed for good"


def deliver_due(should_stop=lambda: False):
    """Send every mail that is due now, batch after batch; returns the Figures.

    A batch is finished before `should_stop` is asked: a mail handed to the mail
    server is always marked sent, so a worker told to stop sends nothing twice.
    """
    figures = Figures()
    while not should_stop():
        figures.add(*mail.send_queued())
        space_out_retries()
        if not mail.get_queued().exists():
            break
    return figures


def requeue(queryset):
    """Put mails back in the queue, to be sent at once with all their retries ahead."""
    return queryset.exclude(status=STATUS.sent).update(
        status=STATUS.queued,
        number_of_retries=0,
        scheduled_time=None,
        last_updated=timezone.now(),
    )


def prune_sent(now=None):
    """Delete the mails sent more than N2M_MAIL_KEEP_SENT_DAYS ago; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.N2M_MAIL_KEEP_SENT_DAYS)
    _deleted, by_model = Email.objects.filter(status=STATUS.sent, last_updated__lt=cutoff).delete()
    return by_model.get("post_office.Email", 0)


def queue_summary(now=None):
    """Mails waiting, the age in seconds of the oldest, and mails failed for good: one query."""
    now = now or timezone.now()
    waiting = Q(status__in=WAITING)
    counts = Email.objects.filter(status__in=[*WAITING, STATUS.failed]).aggregate(
        waiting=Count("id", filter=waiting),
        oldest=Min("created", filter=waiting),
        failed=Count("id", filter=Q(status=STATUS.failed)),
    )
    oldest = counts["oldest"]
    return {
        "waiting": counts["waiting"],
        "oldest_waiting_seconds": None if oldest is None else int((now - oldest).total_seconds()),
        "failed": counts["failed"],
    }


@contextmanager
def only_worker():
    """Hold the delivery lock of this machine, or raise AnotherWorker.

    Two workers sending the same queue at once would send its mails twice. The
    kernel lets the lock go when the process ends, however it ends, so a worker
    killed mid-round never blocks the next one.
    """
    with open(settings.N2M_MAIL_LOCK_FILE, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AnotherWorker(settings.N2M_MAIL_LOCK_FILE) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
