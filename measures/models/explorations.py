"""Regions exploring a measure: "we are looking at this for our region".

A visitor from a public body names their organisation, region and country and
gives an e-mail address; nothing is shown until they confirm the address from
a signed link (UNCONFIRMED → WAITING) and a coordinator approves the entry
(→ PUBLISHED, or DECLINED). The measure's page then lists it under "Explored
by" with the organisation, region and year, never the address. The exploring
organisation can withdraw its entry with the link of its mails (→ WITHDRAWN,
the address forgotten). When the adoption happens, a coordinator records it as
a lineage link (`Lineage`, "adapted from") and the entry becomes ADOPTED,
keeping its dates: the history of how the measure travelled. Several entries
may be adopted into the same measure (two municipalities of one region, say):
they share its one link, and each keeps its own dates.

The organisation's region is one of the catalogue's (`region`), so that it is
counted with the adoptions of the same region, or another region it names in
words (`region_name` alone). For a region of the catalogue `region_name` keeps
its name as it was, should the region ever be deleted.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.content_language import localized
from measures.models.lineage import Lineage
from measures.models.measure import Measure
from measures.models.taxonomy import Region
from partners.countries import Country
from partners.text import validate_single_line

NOTE_MAX_LENGTH = 500


def new_key():
    """A random, unguessable name for an entry in the links of its mails."""
    return secrets.token_urlsafe(24)


class ExplorationQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: approved entries and adopted ones, of published measures."""
        return self.filter(
            status__in=[Exploration.Status.PUBLISHED, Exploration.Status.ADOPTED],
            measure__status=Measure.Status.PUBLISHED,
        )

    def waiting(self):
        return self.filter(status=Exploration.Status.WAITING)


class Exploration(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("e-mail address not confirmed yet")
        WAITING = "waiting", _("waiting for approval")
        PUBLISHED = "published", _("published")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")
        ADOPTED = "adopted", _("adopted")

    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="explorations",
        verbose_name=_("measure"),
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, validators=[validate_single_line]
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="explorations",
        verbose_name=_("region of the catalogue"),
        help_text=_("Empty for a region outside the catalogue, which the entry names in words."),
    )
    region_name = models.CharField(
        _("region"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("As the organisation named it; for a region of the catalogue, its name."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country)
    email = models.EmailField(
        _("e-mail address"),
        max_length=254,
        blank=True,
        help_text=_(
            "Shown to coordinators only, who decide the entry and forward the editors' "
            "replies; never to editors or visitors. Forgotten when the entry is withdrawn."
        ),
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.UNCONFIRMED
    )
    key = models.CharField(_("key"), max_length=40, unique=True, default=new_key, editable=False)
    language = models.CharField(_("language"), max_length=10, default="en", editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    lineage = models.ForeignKey(
        Lineage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="explorations",
        verbose_name=_("recorded adoption"),
        help_text=_("The lineage link made when the organisation adopted the measure."),
    )

    objects = ExplorationQuerySet.as_manager()

    class Meta:
        verbose_name = _("exploration")
        verbose_name_plural = _("regions exploring a measure")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["measure", "-created_at"],
                condition=Q(status__in=["published", "adopted"]),
                name="exploration_public",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.region_name}) → {self.measure}"

    @property
    def place(self):
        """The region as shown: a region of the catalogue by its name in the visitor's
        language, another one as the organisation named it."""
        if self.region_id is not None:
            return localized(self.region, "name")
        return self.region_name

    @property
    def year(self):
        return self.created_at.year if self.created_at else None

    @property
    def is_public(self):
        return self.status in (self.Status.PUBLISHED, self.Status.ADOPTED)
