"""The facets of the measure list: their options, cached, and their counts, in one query.

The options (regions, themes, target groups, partners, and the countries of the
regions) change only when the catalogue does, so they are read once per content
version and language (`measures.content_version`) and kept in the shared cache.
The same cached rows validate the visitor's facet values, so a filtered list
spends no query on checking slugs.

The counts of all facets are one UNION ALL of grouped counts. Each part counts
under every active filter except its own facet's, grouped by the foreign key or
join-table column, so no part joins the tables of the options; ids become slugs
through the cached options. The counts need no DISTINCT: the filters add no
joins that repeat a measure (themes and target groups filter through `pk IN`
subqueries) and a join-table row is unique per measure and option.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Value
from django_filters.fields import ModelMultipleChoiceField

from measures import content_version
from measures.content_language import localized, page_language
from measures.models import Category, Region, TargetGroup
from partners.countries import Country
from partners.models import Partner

logger = logging.getLogger(__name__)

# Facet name → (model of its options, the column a measure's rows are grouped by).
# Country is grouped by region and summed per country, from the cached regions.
GROUPED_BY = {
    "region": (Region, "region_id"),
    "country": (Region, "region_id"),
    "theme": (Category, "categories"),
    "target": (TargetGroup, "target_groups"),
    "partner": (Partner, "partner_id"),
}
GROUPED_MODELS = {model for model, _ in GROUPED_BY.values()}


def _load_taxonomy():
    return {
        Region: list(Region.objects.translated()),
        Category: list(Category.objects.translated()),
        TargetGroup: list(TargetGroup.objects.translated()),
        Partner: list(Partner.objects.all()),
    }


def taxonomy():
    """{model: its rows in display order}, for the active language; cached per content version."""
    try:
        key = content_version.key("facet-taxonomy", page_language())
        rows = cache.get(key)
    except Exception:
        logger.exception("Cache unavailable; facet options read from the database")
        return _load_taxonomy()
    if rows is None:
        rows = _load_taxonomy()
        try:
            cache.set(key, rows, settings.N2M_PAGE_CACHE_TIMEOUT or 600)
        except Exception:
            logger.exception("Cache unavailable; facet options not stored")
    return rows


def rows_by_slug(model):
    """{slug: row} of one kind of facet option, from the cached taxonomy."""
    return {row.slug: row for row in taxonomy()[model]}


class CachedFacetField(ModelMultipleChoiceField):
    """A facet's form field that checks the visitor's slugs against the cached options.

    For a filter over all rows of a facet model (its options are exactly those rows);
    any other queryset is checked by the database as usual.
    """

    def _check_values(self, value):
        model = self.queryset.model
        if model not in GROUPED_MODELS or self.to_field_name != "slug" or self.queryset.query.where:
            return super()._check_values(value)
        try:
            value = frozenset(str(v) for v in value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        known = rows_by_slug(model)
        for slug in value:
            self.validate_no_null_characters(slug)
            if slug not in known:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": slug},
                )
        return [row for row in taxonomy()[model] if row.slug in value]


def region_countries():
    """(code, label) of every country that has a region, in the order of Country."""
    codes = {region.country for region in taxonomy()[Region]}
    return [(code, label) for code, label in Country.choices if code in codes]


def options():
    """{facet name: [(value, label)]}: what each facet offers, in display order."""
    rows = taxonomy()
    return {
        "region": [(r.slug, localized(r, "name")) for r in rows[Region]],
        "country": region_countries(),
        "theme": [(t.slug, localized(t, "name")) for t in rows[Category]],
        "target": [(g.slug, localized(g, "name")) for g in rows[TargetGroup]],
        "partner": [(p.slug, p.short_name) for p in rows[Partner]],
    }


def counts(querysets):
    """{facet: {option value: number of measures}} from {facet: its queryset}, in one query."""
    parts = [
        queryset.order_by()
        .annotate(facet=Value(name), option=F(GROUPED_BY[name][1]))
        .values("facet", "option")
        .annotate(n=Count("pk"))
        .values_list("facet", "option", "n")
        for name, queryset in querysets.items()
    ]
    if not parts:
        return {}
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    slugs = {
        model: {row.pk: row.slug for row in models_rows}
        for model, models_rows in taxonomy().items()
    }
    countries = {region.pk: region.country for region in taxonomy()[Region]}
    result = {name: {} for name in querysets}
    for name, option, n in rows:
        if option is None:
            continue
        if name == "country":
            value = countries.get(option)
        else:
            value = slugs[GROUPED_BY[name][0]].get(option)
        if value is not None:
            result[name][value] = result[name].get(value, 0) + n
    return result
