"""The facets of the measure list: their options, cached, and their counts, from bitmaps.

The options (regions, themes, target groups, partners, and the countries of the
regions) change only when the catalogue does, so they are read once per content
version and language and kept in the shared cache (`measures.models.taxonomy`).
The same cached rows validate the visitor's facet values, so a filtered list
spends no query on checking slugs.

The evidence, documentation, budget and funding facets offer fixed choices
(measures.models.results, measures.models.documentation) and need no options from
the database; their values are columns of the measure. So does the expert-reviewed
facet, whose one option is a measure's published expert opinion
(measures.models.opinions).

The counts of all facets, and the number of results, need no query: every option
has a bitmap of the published measures that have it (measures.catalogue.bitmaps).
The measures under the filters that are not facets (the search words, the years)
are the base; a facet's option is counted as the size of its bitmap's
intersection with the base and with the options chosen in every *other* facet,
and the results are the base intersected with the choices of every facet.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelMultipleChoiceField

from measures.catalogue import bitmaps
from measures.content_language import localized
from measures.models import (
    BudgetBand,
    Category,
    EvidenceLevel,
    FundingSource,
    Region,
    TargetGroup,
)
from measures.models.documentation import DocumentationLevel
from measures.models.taxonomy import cached_taxonomy
from partners.countries import Country
from partners.models import Partner

# The facets whose options are rows of a model: name → the model.
ROW_MODELS = {
    "region": Region,
    "theme": Category,
    "target": TargetGroup,
    "partner": Partner,
}
GROUPED_MODELS = set(ROW_MODELS.values())
# The expert-reviewed facet: one option.
REVIEWED = "reviewed"
REVIEWED_CHOICES = [(bitmaps.REVIEWED_VALUE, _("Reviewed by an expert"))]
# Facets whose values are plain strings (codes), not rows of a model.
PLAIN_FACETS = {"country", "evidence", "documentation", "budget", "funding", REVIEWED}


def rows_by_slug(model):
    """{slug: row} of one kind of facet option, from the cached taxonomy."""
    return {row.slug: row for row in cached_taxonomy()[model]}


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
        return [row for row in cached_taxonomy()[model] if row.slug in value]


def region_countries():
    """(code, label) of every country that has a region, in the order of Country."""
    codes = {region.country for region in cached_taxonomy()[Region]}
    return [(code, label) for code, label in Country.choices if code in codes]


def options():
    """{facet name: [(value, label)]}: what each facet offers, in display order."""
    rows = cached_taxonomy()
    return {
        "region": [(r.slug, localized(r, "name")) for r in rows[Region]],
        "country": region_countries(),
        "theme": [(t.slug, localized(t, "name")) for t in rows[Category]],
        "target": [(g.slug, localized(g, "name")) for g in rows[TargetGroup]],
        # The full name: a short one is often an abbreviation (DIBA, EMRA) or repeats the region.
        "partner": [(p.slug, localized(p, "name")) for p in rows[Partner]],
        "evidence": EvidenceLevel.choices,
        "documentation": DocumentationLevel.choices,
        "budget": BudgetBand.choices,
        "funding": FundingSource.choices,
        REVIEWED: REVIEWED_CHOICES,
    }


def choice_label(name, value):
    """The label of a plain facet value: a country, an evidence level, a budget band …"""
    if name == "country":
        return Country(value).label
    return dict(options()[name]).get(value, value)


def _keys(name, values):
    """The bitmap keys of a facet's chosen values: a row's id, or the code itself."""
    if name in ROW_MODELS:
        return [row.pk for row in values]
    return list(values)


def counts(index, base, chosen, facet_names):
    """(the ids of the results, {facet: {option value: number of measures}}), from bitmaps.

    `index`: the bitmaps the page reads (measures.catalogue.bitmaps). `base`: the ids of
    the measures under every filter that is not a facet (visibility, search words,
    years). `chosen`: {facet: the options chosen} for the facets in use.
    Several options of one facet are or-ed, facets and-ed; a facet's options are counted
    under the choices of every *other* facet, so a count says how many measures the
    list would show with that option ticked too.
    """
    matching = {name: index.any_of(name, _keys(name, values)) for name, values in chosen.items()}
    results = base.intersection(*matching.values()) if matching else base
    slugs = {
        name: {row.pk: row.slug for row in cached_taxonomy()[model]}
        for name, model in ROW_MODELS.items()
    }
    found = {}
    for name in facet_names:
        if name in matching:
            others = [ids for other, ids in matching.items() if other != name]
            pool = base.intersection(*others) if others else base
        else:
            pool = results
        counted = {}
        for key, ids in index.options.get(name, {}).items():
            n = pool.intersection_cardinality(ids)
            value = slugs[name].get(key) if name in slugs else key
            if n and value is not None:
                counted[value] = n
        found[name] = counted
    return results, found


def narrowed(index, base, chosen):
    """The ids of `base` that have one of the chosen options of every facet in `chosen`."""
    return base.intersection(
        *(index.any_of(name, _keys(name, values)) for name, values in chosen.items())
    )
