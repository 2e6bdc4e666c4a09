"""Where and what: regions, themes (categories) and target groups, and their cached rows.

`cached_taxonomy()` keeps every region, theme, target group and partner, in the
page's language, in the shared cache under the content version: the facets of
the list read their options from it, and a measure card its themes.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from measures.caching import content_version
from measures.content_language import page_language, prefetch_translations
from measures.models.addresses import slug_url
from measures.models.choices import ChoiceLabels
from partners.countries import Country
from partners.models import Partner
from partners.text import validate_single_line

FIRST_YEAR = 1990
LAST_YEAR = 2100

logger = logging.getLogger(__name__)

year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to rows by slug, so loading them twice changes nothing."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def published_count_subquery(queryset):
    """Number of published measures of each row of `queryset`, as a subquery.

    Built on `Measure.objects.published()` (reached through the reverse relation
    `measures`), so visibility stays in one place and several counts can be
    annotated without multiplying joins.
    """
    relation = queryset.model._meta.get_field("measures")
    lookup = relation.field.name
    counts = (
        relation.related_model.objects.published()
        .filter(**{lookup: OuterRef("pk")})
        .order_by()
        .values(lookup)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=models.IntegerField()), 0)


class RegionQuerySet(models.QuerySet):
    def with_measure_counts(self):
        """For tiles and pages: the published count and the name in the visitor's language."""
        return self.annotate(published_count=published_count_subquery(self)).translated()

    def translated(self):
        """With the names in the active language (nothing extra on an English page)."""
        return self.prefetch_related(*prefetch_translations(self.model))


class RegionManager(SlugNaturalKeyManager.from_queryset(RegionQuerySet)):
    pass


class Region(ChoiceLabels, models.Model):
    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_single_line]
    )
    name_local = models.CharField(
        _("local name"),
        max_length=120,
        blank=True,
        validators=[validate_single_line],
        help_text=_("The region's name in its own language, e.g. “Niederösterreich”."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    nuts_code = models.CharField(
        _("NUTS code"),
        max_length=5,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z]{2}[0-9A-Z]{0,3}$",
                _("A NUTS code is two capital letters and up to three letters or digits."),
            )
        ],
        help_text=_("The Eurostat NUTS 2021 code of the territory, e.g. FI1C3 or AT12."),
    )
    nearby_metropolises = models.CharField(
        _("nearby metropolises"),
        max_length=200,
        blank=True,
        help_text=_("The cities the region lies next to, separated by commas."),
    )
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("year of the population figure"), null=True, blank=True, validators=year_validators
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("A representative point, e.g. the regional capital, in decimal degrees."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regions",
        verbose_name=_("representing partner"),
        help_text=_("The partnership organisation that represents the region."),
    )

    objects = RegionManager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="region_coordinates_complete",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("measures:region_detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def metropolis_list(self):
        return [name.strip() for name in self.nearby_metropolises.split(",") if name.strip()]


class CategoryQuerySet(models.QuerySet):
    def with_measure_counts(self):
        """For tiles and pages: the published count and the name in the visitor's language."""
        return self.annotate(published_count=published_count_subquery(self)).translated()

    def translated(self):
        """With the names in the active language (nothing extra on an English page)."""
        return self.prefetch_related(*prefetch_translations(self.model))


class CategoryManager(SlugNaturalKeyManager.from_queryset(CategoryQuerySet)):
    pass


class Category(models.Model):
    """What a measure is about. Visitors see categories as *themes*."""

    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_single_line]
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Themes are listed by this number, then by name.")
    )

    objects = CategoryManager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("measures:theme_detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class TargetGroupQuerySet(models.QuerySet):
    def translated(self):
        """With the names in the active language (nothing extra on an English page)."""
        return self.prefetch_related(*prefetch_translations(self.model))


class TargetGroup(models.Model):
    """Who a measure is for.

    A model rather than fixed choices: coordinators can add a group without a
    release, each group has a slug for shareable filter URLs, and its name is
    translated with the rest of the content.
    """

    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_single_line]
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SlugNaturalKeyManager.from_queryset(TargetGroupQuerySet)()

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


def _load_taxonomy():
    return {
        Region: list(Region.objects.translated()),
        Category: list(Category.objects.translated()),
        TargetGroup: list(TargetGroup.objects.translated()),
        Partner: list(Partner.objects.prefetch_related(*prefetch_translations(Partner))),
    }


def _shared_taxonomy():
    try:
        key = content_version.key("facet-taxonomy", page_language())
        rows = cache.get(key)
    except Exception:
        logger.exception("Cache unavailable; taxonomy read from the database")
        return _load_taxonomy()
    if rows is None:
        rows = _load_taxonomy()
        try:
            cache.set(key, rows, settings.N2M_PAGE_CACHE_TIMEOUT or 600)
        except Exception:
            logger.exception("Cache unavailable; taxonomy not stored")
    return rows


def cached_taxonomy():
    """{model: its rows in display order} for Region, Category, TargetGroup and Partner.

    In the active language, cached per content version: read from the shared
    cache once per request, however often the page asks.
    """
    try:
        return content_version.remember(f"facet-taxonomy-{page_language()}", _shared_taxonomy)
    except Exception:
        logger.exception("Cache unavailable; taxonomy read from the database")
        return _load_taxonomy()
