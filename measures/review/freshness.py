"""Whether a published measure's facts are still current, and reminders when nobody says so.

A measure counts as verified on the day a coordinator publishes it or the day
someone allowed to answer for it confirms that it still runs as described
(`confirm_current()`). Twelve months later it is overdue
(`Measure.objects.verification_overdue()`); `remind_unverified()`, run daily by
`manage.py remind_unverified`, e-mails each partner's editors one list of their
overdue measures, at most once a day.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import Measure, MeasureTransition
from measures.review import notifications, permissions
from measures.review.workflow import WorkflowError
from measures.site_url import absolute_url
from partners.models import Partner

Status = Measure.Status


def confirm_current(measure, user):
    """Record that `user` confirms the published measure's facts today.

    Only the date changes: no revision, no new version, no review. The
    timeline gets an entry from "published" to "published", which the change
    page shows as a confirmation (and whose save renews the cached pages).
    """
    if not permissions.can_confirm_current(user, measure):
        raise PermissionDenied(_("You may not confirm this measure."))
    today = timezone.localdate()
    with transaction.atomic():
        updated = Measure.objects.filter(pk=measure.pk, status=Status.PUBLISHED).update(
            last_verified=today
        )
        if not updated:
            raise WorkflowError(
                _("“%(title)s” is no longer published. Reload the page.") % {"title": measure.title}
            )
        record = MeasureTransition.objects.create(
            measure=measure, from_status=Status.PUBLISHED, to_status=Status.PUBLISHED, user=user
        )
    measure.last_verified = today
    return record


@dataclass
class Reminder:
    """What a reminder run did, or would do, for one partner."""

    partner: Partner
    measures: list
    recipients: list = field(default_factory=list)
    outcome: str = ""

    SENT = "sent"
    WOULD_SEND = "would send"
    ALREADY_TODAY = "already reminded today"
    NO_EDITOR = "no editor with an e-mail address"
    FAILED = "sending failed"


def overdue_by_partner(today=None):
    """(partner, [overdue measures, oldest first]) for every partner that has some."""
    measures = (
        Measure.objects.verification_overdue(today)
        .select_related("partner")
        .order_by("partner__name", "last_verified", "published_at", "title")
    )
    groups = {}
    for measure in measures:
        groups.setdefault(measure.partner_id, (measure.partner, []))[1].append(measure)
    return list(groups.values())


def remind_unverified(dry_run=False, today=None):
    """E-mail every partner's editors about their overdue measures; one mail a partner a day.

    The day is claimed on the partner with a conditional UPDATE before the mail
    goes out, so two runs at once cannot both send; if the mail cannot be sent,
    the claim is given back and the next run tries again.
    """
    today = today or timezone.localdate()
    overdue_url = absolute_url(reverse("admin:measures_measure_overdue"))
    reminders = []
    for partner, measures in overdue_by_partner(today):
        reminder = Reminder(partner, measures)
        reminders.append(reminder)
        reminder.recipients = sorted(
            permissions.editors_of(partner).values_list("email", flat=True)
        )
        if partner.verification_reminded_on == today:
            reminder.outcome = Reminder.ALREADY_TODAY
            continue
        if not reminder.recipients:
            reminder.outcome = Reminder.NO_EDITOR
            continue
        if dry_run:
            reminder.outcome = Reminder.WOULD_SEND
            continue
        # The day's claim and the mail in the outbox are written together or not at
        # all: a run that stops between them neither loses the day's mail nor sends it twice.
        with transaction.atomic():
            claimed = (
                Partner.objects.filter(pk=partner.pk)
                .exclude(verification_reminded_on=today)
                .update(verification_reminded_on=today)
            )
            if not claimed:
                reminder.outcome = Reminder.ALREADY_TODAY
                continue
            if notifications.verification_due(partner, measures, overdue_url):
                reminder.outcome = Reminder.SENT
            else:
                Partner.objects.filter(pk=partner.pk).update(
                    verification_reminded_on=partner.verification_reminded_on
                )
                reminder.outcome = Reminder.FAILED
    return reminders
