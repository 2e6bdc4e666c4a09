"""The review of measures: the timeline of state changes and pending revisions.

A *transition* records one move between publication states (who, when, from,
to, why). A *revision* holds an editor's proposed changes to a published
measure: the published text stays online until a coordinator approves them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models.measure import Measure


class MeasureTransition(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("measure")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Measure.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Measure.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.measure}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class MeasureRevision(models.Model):
    """Changes an editor proposes to a published measure, waiting for a coordinator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("measure")
    )
    data = models.JSONField(
        _("proposed values"), help_text=_("Field name to proposed value, as the form sent it.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("pending revision")
        verbose_name_plural = _("pending revisions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure"],
                condition=Q(status="pending"),
                name="one_pending_revision_per_measure",
            ),
        ]

    def __str__(self):
        return f"{self.measure} ({self.get_status_display()})"
