"""E-mail alerts: a visitor's saved search, and the measures already mailed for it.

A subscription holds an e-mail address, the measure list's canonical query
string, the language of the page it was made on and a frequency. It sends
nothing until the visitor confirms it from the mail (`confirmed_at`). Its
`key` names it in the links of every mail (manage, unsubscribe), so no account
is needed. A *delivery* records that one measure went to one subscription: the
unique pair keeps a measure from being sent twice, however often the digest
runs and however often the measure is archived and published again.

Addresses are kept only while they are needed: unsubscribing deletes the row
(and its deliveries), and an unconfirmed subscription is deleted after a few days.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models.measure import Measure

# A canonical query string of the measure list is far shorter; this bounds what is stored.
QUERY_MAX_LENGTH = 2000


def new_key():
    """A random, unguessable name for a subscription in the links of its mails."""
    return secrets.token_urlsafe(24)


class AlertSubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment):
        """Subscriptions asked for before `moment` and never confirmed."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)

    def of_address(self, email):
        return self.filter(email=normalize_email(email))

    def due(self, now):
        """Confirmed subscriptions whose next digest may go out at `now`.

        A digest goes out at most once a period, counted from the last one (or from
        the confirmation); the slack lets a cron job running at the same hour every
        day, which starts a few seconds early or late, send every day.
        """
        due = Q()
        for frequency, period in AlertSubscription.PERIODS.items():
            since = now - period + AlertSubscription.SLACK
            due |= Q(frequency=frequency) & (
                Q(last_sent_at__lte=since) | Q(last_sent_at__isnull=True, confirmed_at__lte=since)
            )
        return self.confirmed().filter(due)


def normalize_email(email):
    """One spelling per address, so the limit per address counts it once."""
    return email.strip().lower()


class AlertSubscription(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("daily")
        WEEKLY = "weekly", _("weekly")

    PERIODS = {
        Frequency.DAILY: timedelta(days=1),
        Frequency.WEEKLY: timedelta(days=7),
    }
    SLACK = timedelta(minutes=15)

    email = models.EmailField(_("e-mail address"), max_length=254)
    query = models.CharField(
        _("search"),
        max_length=QUERY_MAX_LENGTH,
        blank=True,
        help_text=_("The measure list's filters as a query string; empty for every measure."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    objects = AlertSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "query"], name="alert_one_per_search"),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()}: ?{self.query}"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class AlertDelivery(models.Model):
    """One measure mailed to one subscription, so that it is never mailed to it again."""

    subscription = models.ForeignKey(
        AlertSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="+", verbose_name=_("measure")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "measure"], name="alert_delivery_once"),
        ]

    def __str__(self):
        return f"{self.subscription_id} ← {self.measure_id}"
