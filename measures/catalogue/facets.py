"""The facets of the measure list: their options, cached, and their counts, in one query.

The options (regions, themes, target groups, partners, and the countries of the
regions) change only when the catalogue does, so they are read once per content
version and language and kept in the shared cache (`measures.models.taxonomy`).
The same cached rows validate the visitor's facet values, so a filtered list
spends no query on checking slugs.

The evidence, documentation, budget and funding facets offer fixed choices
(measures.models.results, measures.models.documentation) and need no options from
the database; their values are columns of the measure. So does the expert-reviewed
facet, whose one option is read with an EXISTS on the measure's published expert
opinions (measures.models.opinions).

The counts of all facets, and the number of results, are one query: the
measures under the filters that are not facets (visibility, search words,
years) are read once into a common table expression, with a true-or-false
column per facet in use; then a UNION ALL of grouped counts counts each facet's
options where every other facet's column is true. Search words are thus matched
once per page, not once per facet. Counts are grouped by the foreign key or
join-table column, so no part joins the tables of the options; ids become slugs
through the cached options. They need no DISTINCT: a join-table row is unique
per measure and option.
"""

import logging
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelMultipleChoiceField

from measures.content_language import localized
from measures.models import (
    FUNDING_FIELDS,
    BudgetBand,
    Category,
    EvidenceLevel,
    FundingSource,
    Measure,
    Region,
    TargetGroup,
    expert_reviewed,
)
from measures.models.documentation import DocumentationLevel
from measures.models.results import funding_q
from measures.models.taxonomy import cached_taxonomy
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
# The columns of the counting query's common table expression, by the foreign key.
BASE_COLUMNS = {"region_id": "rid", "partner_id": "pid"}
# Facets of fixed choices stored in a column of the measure: name → (choices, column, alias).
CHOICE_COLUMNS = {
    "evidence": (EvidenceLevel, "evidence_level", "ev"),
    "documentation": (DocumentationLevel, "documentation_level", "dl"),
    "budget": (BudgetBand, "budget_band", "bb"),
}
# The funding facet: one yes-or-no column per source, each counted on its own.
FUNDING = "funding"
FUNDING_ALIASES = {source: f"fs_{n}" for n, source in enumerate(FUNDING_FIELDS)}
# The expert-reviewed facet: one option, a yes-or-no column computed for each measure.
REVIEWED = "reviewed"
REVIEWED_ALIAS = "xr"
REVIEWED_CHOICES = [("yes", _("Reviewed by an expert"))]
# Facets whose values are plain strings (codes), not rows of a model.
PLAIN_FACETS = {"country", *CHOICE_COLUMNS, FUNDING, REVIEWED}


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


def _option_ids(name, values):
    if name in CHOICE_COLUMNS or name in (FUNDING, REVIEWED):
        return list(values)
    if name == "country":
        return [region.pk for region in cached_taxonomy()[Region] if region.country in set(values)]
    return [row.pk for row in values]


def _condition(name, ids, indexed=False):
    """The condition "the measure has one of the options `ids`" of one facet.

    The same conditions as the facet filters of measures.catalogue.filters, written on the
    foreign keys and join tables so that no option table is joined. `indexed`: in a
    form PostgreSQL can answer from indexes alone and combine with the search
    index (`id = ANY(ARRAY(...))`, where `id IN (...)` would read every candidate).
    """
    if name in ("region", "country"):
        return Q(region_id__in=ids)
    if name == "partner":
        return Q(partner_id__in=ids)
    if name in CHOICE_COLUMNS:
        return Q(**{f"{CHOICE_COLUMNS[name][1]}__in": ids})
    if name == FUNDING:
        return funding_q(ids)
    if name == REVIEWED:
        return Q(expert_reviewed())
    field = Measure._meta.get_field(GROUPED_BY[name][1])
    through = field.remote_field.through
    if indexed and connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        own = quote(through._meta.get_field(field.m2m_field_name()).column)
        other = quote(through._meta.get_field(field.m2m_reverse_field_name()).column)
        sql = (
            f"{quote(Measure._meta.db_table)}.{quote('id')} = ANY(ARRAY("
            f"SELECT {own} FROM {quote(through._meta.db_table)} WHERE {other} = ANY(%s)))"
        )
        return Q(RawSQL(sql, (ids,), output_field=BooleanField()))
    rows = through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": ids})
    return Q(pk__in=rows.values(field.m2m_field_name()))


def _predicate(name, values):
    """The facet's condition as a true-or-false column of the counting query."""
    ids = _option_ids(name, values)
    if not ids:
        return Value(False)
    return ExpressionWrapper(_condition(name, ids), output_field=BooleanField())


def _narrowed(base, chosen):
    """`base` without the measures that no facet's count can include.

    A measure counts for a facet when every *other* facet in use holds for it, so
    with two or more facets in use it must meet at least one of them. Said with
    indexable conditions, this lets PostgreSQL intersect the indexes of the facets
    with the search index before it reads any row.
    """
    if len(chosen) < 2:
        return base
    conditions = []
    for name, values in chosen.items():
        ids = _option_ids(name, values)
        if not ids:
            return base
        conditions.append(_condition(name, ids, indexed=True))
    return base.filter(reduce(or_, conditions))


def counts(base, chosen, facet_names):
    """(total, {facet: {option value: number of measures}}), in one query.

    `base`: the measures under every filter that is not a facet (visibility, search
    words, years). `chosen`: {facet: the options chosen} for the facets in use. The
    measures of `base` are read once, each with one true-or-false column per facet
    in use; a facet's options are counted over the rows where every *other*
    facet's column is true, and the total over the rows where all are.
    """
    flags = {f"f_{name}": _predicate(name, values) for name, values in chosen.items()}
    columns = {alias: F(column) for _, column, alias in CHOICE_COLUMNS.values()}
    columns.update({alias: F(FUNDING_FIELDS[s]) for s, alias in FUNDING_ALIASES.items()})
    if REVIEWED in facet_names:
        columns[REVIEWED_ALIAS] = expert_reviewed()
    measures = (
        _narrowed(base, chosen)
        .order_by()
        .values(mid=F("pk"), rid=F("region_id"), pid=F("partner_id"), **columns, **flags)
    )
    base_sql, params = measures.query.sql_with_params()
    quote = connection.ops.quote_name

    def where(*leave_out, also=()):
        conditions = [*also, *(quote(flag) for flag in flags if flag[2:] not in leave_out)]
        return f"WHERE {' AND '.join(conditions)}" if conditions else ""

    # Rows of (facet, option id, option code, count): an option of a model is counted
    # by its id, one of fixed choices by its code.
    parts = []
    for name in facet_names:
        if name in CHOICE_COLUMNS:
            alias = quote(CHOICE_COLUMNS[name][2])
            parts.append(
                f"SELECT '{name}', NULL, {alias}, COUNT(*) FROM base {where(name)} GROUP BY 3"
            )
            continue
        if name == FUNDING:
            # The codes are the fixed FundingSource values, never the visitor's input.
            parts.extend(
                f"SELECT '{name}', NULL, '{source.value}', COUNT(*) FROM base "
                f"{where(name, also=[quote(alias)])}"
                for source, alias in FUNDING_ALIASES.items()
            )
            continue
        if name == REVIEWED:
            parts.append(
                f"SELECT '{name}', NULL, '{REVIEWED_CHOICES[0][0]}', COUNT(*) FROM base "
                f"{where(name, also=[quote(REVIEWED_ALIAS)])}"
            )
            continue
        column = GROUPED_BY[name][1]
        if column in BASE_COLUMNS:
            parts.append(
                f"SELECT '{name}', {quote(BASE_COLUMNS[column])}, NULL, COUNT(*) FROM base "
                f"{where(name)} GROUP BY 2"
            )
        else:
            field = Measure._meta.get_field(column)
            through = field.remote_field.through._meta
            own = through.get_field(field.m2m_field_name()).column
            other = through.get_field(field.m2m_reverse_field_name()).column
            parts.append(
                f"SELECT '{name}', j.{quote(other)}, NULL, COUNT(*) FROM base "
                f"JOIN {quote(through.db_table)} j ON j.{quote(own)} = base.mid "
                f"{where(name)} GROUP BY 2"
            )
    parts.append(f"SELECT 'total', NULL, NULL, COUNT(*) FROM base {where()}")
    materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
    sql = f"WITH base AS {materialized}({base_sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()

    slugs = {model: {row.pk: row.slug for row in objs} for model, objs in cached_taxonomy().items()}
    countries = {region.pk: region.country for region in cached_taxonomy()[Region]}
    total, result = 0, {name: {} for name in facet_names}
    for name, option, code, n in found:
        if name == "total":
            total = n
            continue
        if name in CHOICE_COLUMNS or name in (FUNDING, REVIEWED):
            # Empty ("not stated") is no option; a measure without it is counted nowhere.
            if code and n:
                result[name][code] = n
            continue
        if option is None:
            continue
        if name == "country":
            value = countries.get(option)
        else:
            value = slugs[GROUPED_BY[name][0]].get(option)
        if value is not None:
            result[name][value] = result[name].get(value, 0) + n
    return total, result
