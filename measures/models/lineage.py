"""Where a measure came from: adapted from, or inspired by, another measure.

The origin is either a measure of the catalogue or a practice outside it, named
with its place and address. The public sees a link only when both ends may be
seen: the measure published, and the origin published or outside the catalogue
(`LineageQuerySet.public()`), so a link never reveals an unpublished measure.
A measure's own links both ways are `Lineage.objects.of(measure)`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from measures.content_language import localized, translated_language
from measures.models.measure import EXPORT_DEFERRED_FIELDS, SEARCH_INDEX_FIELDS, Measure
from measures.models.taxonomy import Region

# The long texts of both measures, which no lineage link shows.
UNUSED_MEASURE_FIELDS = [
    f"{side}__{name}"
    for side in ("measure", "origin")
    for name in [*EXPORT_DEFERRED_FIELDS, *SEARCH_INDEX_FIELDS]
]


def _published(side):
    """The condition "the link's `side` ("measure" or "origin") is a published measure".

    A correlated EXISTS, looked up by key for each link: `IN (published measures)`
    made PostgreSQL hash the ids of the whole catalogue for every page.
    """
    return Exists(Measure.objects.published().filter(pk=OuterRef(f"{side}_id")))


class LineageQuerySet(models.QuerySet):
    def public(self):
        """The links between published measures, and from outside to published ones."""
        return self.filter(_published("measure"), Q(origin__isnull=True) | _published("origin"))

    def touching(self, measure):
        """The links of one measure's page, both ways, whatever its state.

        Its origins, when published or outside the catalogue, and the published
        measures adapted from it: a staff preview of a draft shows the same.
        """
        return self.filter(
            Q(measure=measure) & (Q(origin__isnull=True) | _published("origin"))
            | Q(origin=measure) & _published("measure")
        )

    def for_display(self):
        """Both measures with their regions in one query; their translations in four more.

        The translations are read only on a page in another language than English.
        """
        queryset = self.select_related("measure__region", "origin__region").defer(
            *UNUSED_MEASURE_FIELDS
        )
        language = translated_language()
        if language is None:
            return queryset
        prefetches = []
        for path in ("measure", "measure__region", "origin", "origin__region"):
            target = Region if path.endswith("region") else Measure
            translations = target._meta.get_field("translations").related_model
            prefetches.append(
                Prefetch(
                    f"{path}__translations",
                    queryset=translations.objects.filter(language=language),
                )
            )
        return queryset.prefetch_related(*prefetches)


class LineageManager(models.Manager.from_queryset(LineageQuerySet)):
    def of(self, measure):
        """(origins, adaptations) shown with `measure`, on its page and in the API.

        Origins: the links from which it came, when the origin is published or
        outside the catalogue, in the order they were entered. Adaptations: the
        published measures that came from it, by title in the active language.
        """
        origins, adaptations = [], []
        for link in self.touching(measure).for_display().order_by("pk"):
            (origins if link.measure_id == measure.pk else adaptations).append(link)
        adaptations.sort(key=lambda link: localized(link.measure, "title").casefold())
        return origins, adaptations

    def get_by_natural_key(self, measure_slug, origin_slug, origin_name):
        if origin_slug:
            return self.get(measure__slug=measure_slug, origin__slug=origin_slug)
        return self.get(measure__slug=measure_slug, origin__isnull=True, origin_name=origin_name)


class Lineage(models.Model):
    class Kind(models.TextChoices):
        ADAPTED = "adapted", _("adapted from")
        INSPIRED = "inspired", _("inspired by")

    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="origins",
        verbose_name=_("measure"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind,
        default=Kind.ADAPTED,
        help_text=_(
            "Adapted from: the measure takes over the origin's way of working, changed where "
            "needed. Inspired by: the origin gave the idea, the measure does it its own way."
        ),
    )
    origin = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adaptations",
        verbose_name=_("origin in the catalogue"),
        help_text=_(
            "The measure of the catalogue this one comes from. For a practice outside the "
            "catalogue, leave this empty and give its name below."
        ),
    )
    origin_name = models.CharField(
        _("origin outside the catalogue"),
        max_length=200,
        blank=True,
        help_text=_("The name of a practice that is not in the catalogue."),
    )
    origin_place = models.CharField(
        _("where the outside origin runs"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Häme, Finland”."),
    )
    origin_url = models.URLField(
        _("address of the outside origin"),
        max_length=500,
        blank=True,
        help_text=_("A page that describes it, if there is one."),
    )
    changes = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("What the measure does differently from its origin, and why."),
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("What came of the adaptation so far, with figures where known."),
    )

    objects = LineageManager()

    class Meta:
        verbose_name = _("origin")
        verbose_name_plural = _("adapted from or inspired by")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(origin__isnull=False, origin_name="")
                | (Q(origin__isnull=True) & ~Q(origin_name="")),
                name="lineage_origin_inside_or_outside",
            ),
            models.CheckConstraint(
                condition=Q(origin__isnull=True) | ~Q(origin=F("measure")),
                name="lineage_not_from_itself",
            ),
            models.UniqueConstraint(
                fields=["measure", "origin"],
                condition=Q(origin__isnull=False),
                name="unique_lineage_inside",
            ),
            models.UniqueConstraint(
                fields=["measure", "origin_name"],
                condition=Q(origin__isnull=True),
                name="unique_lineage_outside",
            ),
        ]

    def __str__(self):
        return f"{self.measure} ← {self.origin_title}"

    def natural_key(self):
        origin_slug = self.origin.slug if self.origin_id else ""
        return (self.measure.slug, origin_slug, self.origin_name)

    natural_key.dependencies = ["measures.measure"]

    def clean(self):
        if self.origin_id and self.origin_name.strip():
            raise ValidationError(
                {
                    "origin_name": _(
                        "Choose a measure of the catalogue or name one outside it, not both."
                    )
                }
            )
        if not self.origin_id and not self.origin_name.strip():
            raise ValidationError(
                {"origin": _("Choose the measure of the catalogue, or name one outside it.")}
            )
        if self.origin_id and (self.origin_place or self.origin_url):
            raise ValidationError(
                {
                    "origin_place": _(
                        "The place and the address are for an origin outside the catalogue."
                    )
                }
            )
        if self.origin_id and self.origin_id == self.measure_id:
            raise ValidationError({"origin": _("A measure cannot come from itself.")})

    @property
    def is_outside(self):
        return self.origin_id is None

    @property
    def origin_title(self):
        return self.origin.title if self.origin_id else self.origin_name

    @property
    def adapted_label(self):
        """The link seen from the origin's side: "adapted in", "inspired a measure in"."""
        return _("adapted in") if self.kind == self.Kind.ADAPTED else _("inspired a measure in")
