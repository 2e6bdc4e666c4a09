"""What a program receives: the one representation of a measure, and of its region, themes, partner.

`Representer.measure()` is a measure as the API lists it, and as the JSON export
holds it row by row; `Representer.measure_in_full()` adds what the API's detail
answer holds. The CSV export is the same representation flattened into
`TABLE_COLUMNS`, so a field added to `measure()` and given a column there shows
in the API, in both downloads, and nowhere differently.

A measure reaches `measure()` as a model instance (the API, from `for_export()`)
or as a `MeasureRow` (the downloads, read as plain values for speed, see
measures.exchange.exports); the model instance is turned into a MeasureRow
first, so both take the same way. `COLUMNS` are the measure's own values the
representation reads.

Besides its COLUMNS, each measure's own query reads `ANNOTATIONS`: the ratings of
its published expert opinions (their number and the average of each criterion) and
its prerequisites, so neither costs a query more in the API or in a download. Nothing
unpublished is read: no draft or submitted opinion, no entry of a region exploring it.

Paths become absolute URLs at SITE_URL (measures.site_url); texts are in the
active language where translated (measures.content_language), the good-practice
texts in English only.
"""

import functools
from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext_lazy as _

from measures.content_language import localized
from measures.models import (
    CRITERIA,
    CRITERION_NAMES,
    FUNDING_FIELDS,
    GOOD_PRACTICE_FIELDS,
    BudgetBand,
    EvidenceLevel,
    FundingSource,
    Lineage,
    Measure,
    PrerequisiteKind,
    PrerequisiteRows,
    StaffEffort,
    expert_rating_summary,
)
from measures.models.documentation import DocumentationLevel
from measures.site_url import site_url
from partners.countries import Country

# A measure's own values that its representation reads (besides its related rows).
COLUMNS = [
    "pk",
    "slug",
    "title",
    "title_local",
    "summary",
    "region_id",
    "partner_id",
    "start_year",
    "end_year",
    "implementation",
    "website",
    "published_at",
    "evidence_level",
    "documentation_level",
    "budget_band",
    "staff_effort",
    "duration_months",
    *FUNDING_FIELDS.values(),
]


def annotations():
    """What a measure's own query reads besides COLUMNS: see `ANNOTATED`."""
    return {"expert_summary": expert_rating_summary(), "prerequisite_rows": PrerequisiteRows()}


# The names of `annotations()`, in the order a row of values holds them after COLUMNS.
ANNOTATED = ["expert_summary", "prerequisite_rows"]
# The texts of the API's detail answer, kept in English only.
ENGLISH_TEXT_FIELDS = [*GOOD_PRACTICE_FIELDS, "funding", "main_institution"]
# Any valid slug: the addresses of all measures differ only by it, so reverse() once.
SLUG_PLACEHOLDER = "__slug__"
LIST_SEPARATOR = "; "


@functools.cache
def _country_names(language):
    with translation.override(language):
        return {code: str(label) for code, label in Country.choices}


def country_name(code):
    """The country's name in the active language.

    From a table made once per language: `get_country_display()` hashes all of the
    choices' lazy labels on every call, which made a large export several times slower.
    """
    return _country_names(translation.get_language())[code]


class MeasureRow:
    """What the representation reads of one measure: its COLUMNS and its related rows.

    `values` are those of COLUMNS and then of ANNOTATED. `title` and `summary` are
    in the active language where translated; `themes` and `target_groups` are lists
    in their models' order.
    """

    __slots__ = (*COLUMNS, *ANNOTATED, "region", "partner", "themes", "target_groups")

    def __init__(self, values, region, partner, themes, target_groups):
        for name, value in zip([*COLUMNS, *ANNOTATED], values, strict=True):
            setattr(self, name, value)
        self.region, self.partner = region, partner
        self.themes, self.target_groups = themes, target_groups

    @classmethod
    def of(cls, measure):
        """The row of a model instance; its related rows as `for_export()` reads them."""
        row = cls(
            [getattr(measure, name) for name in [*COLUMNS, *ANNOTATED]],
            measure.region,
            measure.partner,
            measure.theme_list,
            measure.target_group_list,
        )
        row.title, row.summary = localized(measure, "title"), localized(measure, "summary")
        return row


def number(value):
    """A figure as a JSON number: 5300, not "5300.00"."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def average(value):
    """An average rating as shown on the site: to one decimal, whole as a whole number."""
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def expert_ratings_data(summary):
    """(number of published opinions, {criterion: average rating} or None without one)."""
    if not summary or not summary[0]:
        return 0, None
    count, *averages = summary
    return count, {
        name: average(value) for name, value in zip(CRITERION_NAMES, averages, strict=True)
    }


def indicator_data(indicator):
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": number(indicator.baseline),
        "target": number(indicator.target),
        "achieved": number(indicator.achieved),
        "achieved_qualifier": indicator.achieved_qualifier or None,
        "achieved_on": indicator.achieved_on.isoformat() if indicator.achieved_on else None,
        "achieved_on_precision": indicator.achieved_on_precision if indicator.achieved_on else None,
    }


class Representer:
    """Turns catalogue rows into JSON-ready dicts for one answer.

    The region, partner and themes shared by many measures of a list or an
    export are built once each.
    """

    def __init__(self):
        self.origin = site_url()
        self._refs = {}

    def url(self, path):
        return self.origin + path

    @cached_property
    def _measure_paths(self):
        return tuple(
            reverse(name, kwargs={"slug": SLUG_PLACEHOLDER})
            for name in ("measures:detail", "api:measure_detail")
        )

    def measure_urls(self, slug):
        """The addresses of a measure's page and of its API answer."""
        return [self.url(path.replace(SLUG_PLACEHOLDER, slug)) for path in self._measure_paths]

    def _ref(self, obj, build):
        key = (obj._meta.label, obj.pk)
        if key not in self._refs:
            self._refs[key] = build(obj)
        return self._refs[key]

    def theme_ref(self, theme):
        return self._ref(
            theme,
            lambda theme: {
                "slug": theme.slug,
                "name": localized(theme, "name"),
                "url": self.url(theme.get_absolute_url()),
            },
        )

    def partner_ref(self, partner):
        return self._ref(
            partner,
            lambda partner: {
                "slug": partner.slug,
                "name": partner.name,
                "short_name": partner.short_name,
                "country": partner.country,
                "url": self.url(partner.get_absolute_url()),
            },
        )

    def region_ref(self, region):
        return self._ref(
            region,
            lambda region: {
                "slug": region.slug,
                "name": localized(region, "name"),
                "country": region.country,
                "country_name": country_name(region.country),
                "url": self.url(region.get_absolute_url()),
                "api_url": self.url(reverse("api:region_detail", kwargs={"slug": region.slug})),
            },
        )

    def target_group_ref(self, group):
        return self._ref(
            group, lambda group: {"slug": group.slug, "name": localized(group, "name")}
        )

    def measure(self, measure):
        """A measure as in lists and exports: a MeasureRow, or a Measure read by `for_export()`."""
        row = measure if isinstance(measure, MeasureRow) else MeasureRow.of(measure)
        url, api_url = self.measure_urls(row.slug)
        opinion_count, ratings = expert_ratings_data(row.expert_summary)
        return {
            "slug": row.slug,
            "title": row.title,
            "title_local": row.title_local,
            "summary": row.summary,
            "url": url,
            "api_url": api_url,
            "region": self.region_ref(row.region),
            "partner": self.partner_ref(row.partner),
            "themes": [self.theme_ref(theme) for theme in row.themes],
            "target_groups": [self.target_group_ref(group) for group in row.target_groups],
            "start_year": row.start_year,
            "end_year": row.end_year,
            "implementation": row.implementation or None,
            "website": row.website or None,
            "published_at": row.published_at.isoformat() if row.published_at else None,
            # The structured results and resources, as codes.
            "evidence_level": row.evidence_level or None,
            "documentation_level": row.documentation_level or None,
            "budget_band": row.budget_band or None,
            "staff_effort": row.staff_effort or None,
            "duration_months": row.duration_months,
            "funding_sources": [
                source.value for source, field in FUNDING_FIELDS.items() if getattr(row, field)
            ],
            # Published expert opinions only: the average rating of each criterion.
            "expert_opinion_count": opinion_count,
            "expert_ratings": ratings,
            # In English, as entered (measures.models.prerequisites).
            "prerequisites": [
                {"kind": kind, "condition": condition}
                for kind, condition in row.prerequisite_rows or []
            ],
        }

    def measure_ref(self, measure):
        url, api_url = self.measure_urls(measure.slug)
        return {
            "slug": measure.slug,
            "title": localized(measure, "title"),
            "url": url,
            "api_url": api_url,
            "region": self.region_ref(measure.region),
        }

    def lineage(self, measure):
        """Where the measure came from and where it was taken up, as on its page."""
        origins, adaptations = Lineage.objects.of(measure)
        return {
            "origins": [
                {
                    "kind": link.kind,
                    "measure": self.measure_ref(link.origin) if link.origin_id else None,
                    "name": link.origin_name or None,
                    "place": link.origin_place or None,
                    "url": link.origin_url or None,
                    "changes": link.changes,
                    "outcome": link.outcome,
                }
                for link in origins
            ],
            "adaptations": [
                {
                    "kind": link.kind,
                    "measure": self.measure_ref(link.measure),
                    "changes": link.changes,
                    "outcome": link.outcome,
                }
                for link in adaptations
            ],
        }

    def measure_in_full(self, measure):
        """A measure with its texts, links, image, indicators and lineage: needs `for_detail()`."""
        data = self.measure(measure)
        data["description"] = localized(measure, "description")
        for name in ENGLISH_TEXT_FIELDS:
            data[name] = getattr(measure, name)
        data["links"] = [{"title": link.title, "url": link.url} for link in measure.links.all()]
        data["image"] = (
            {"url": self.url(measure.image.url), "alt": measure.image_alt}
            if measure.image
            else None
        )
        data["indicators"] = [indicator_data(i) for i in measure.indicators.all()]
        data.update(self.lineage(measure))
        return data

    def measures_url(self, parameter, slug):
        return self.url(f"{reverse('api:measure_list')}?{parameter}={slug}")

    def region(self, region, *, full=False):
        """A region with its published count: needs `with_measure_counts()` and its partner."""
        data = {
            **self.region_ref(region),
            "name_local": region.name_local,
            "nuts_code": region.nuts_code,
            "nearby_metropolises": region.metropolis_list,
            "population": region.population,
            "population_year": region.population_year,
            "latitude": float(region.latitude) if region.latitude is not None else None,
            "longitude": float(region.longitude) if region.longitude is not None else None,
            "partner": self.partner_ref(region.partner) if region.partner else None,
            "measure_count": region.published_count,
            "measures_url": self.measures_url("region", region.slug),
        }
        if full:
            data["description"] = localized(region, "description")
        return data

    def theme(self, theme):
        return {
            **self.theme_ref(theme),
            "description": localized(theme, "description"),
            "measure_count": theme.published_count,
            "measures_url": self.measures_url("theme", theme.slug),
        }

    def partner(self, partner):
        return {
            **self.partner_ref(partner),
            "name_local": partner.name_local,
            "role": partner.role,
            "city": partner.city,
            "website": partner.website or None,
            "is_active": partner.is_active,
            "measure_count": partner.published_count,
            "measures_url": self.measures_url("partner", partner.slug),
        }


# The representation as the columns of a table (the CSV download)


def names(refs):
    return LIST_SEPARATOR.join(ref["name"] for ref in refs)


def prerequisites_cell(data, label):
    """ "Money: About €50,000 a year; People: …" (the kind's label, then the condition)."""
    return LIST_SEPARATOR.join(
        f"{label(row, 'kind')}: {row['condition']}" for row in data["prerequisites"]
    )


def rating_cell(name):
    return lambda data, label: (data["expert_ratings"] or {}).get(name)


rating_header = lazy(
    lambda criterion: _("Expert rating: %(criterion)s") % {"criterion": criterion}, str
)


def local_date(timestamp):
    return timezone.localdate(datetime.fromisoformat(timestamp)).isoformat() if timestamp else ""


# (header, cell of a measure's `Representer.measure()`); codes are shown by their
# labels, lists joined, and an empty or missing value is an empty cell.
TABLE_COLUMNS = [
    (_("Title"), lambda data, label: data["title"]),
    (_("URL"), lambda data, label: data["url"]),
    (_("Region"), lambda data, label: data["region"]["name"]),
    (_("Country"), lambda data, label: data["region"]["country_name"]),
    (_("Partner"), lambda data, label: data["partner"]["name"]),
    (_("Themes"), lambda data, label: names(data["themes"])),
    (_("Target groups"), lambda data, label: names(data["target_groups"])),
    (_("Start year"), lambda data, label: data["start_year"]),
    (_("End year"), lambda data, label: data["end_year"]),
    (_("Status in reality"), lambda data, label: label(data, "implementation")),
    (_("Summary"), lambda data, label: data["summary"]),
    (_("Website"), lambda data, label: data["website"]),
    (_("Published"), lambda data, label: local_date(data["published_at"])),
    (_("Evidence of results"), lambda data, label: label(data, "evidence_level")),
    (_("How well documented"), lambda data, label: label(data, "documentation_level")),
    (_("Budget"), lambda data, label: label(data, "budget_band")),
    (_("Staff"), lambda data, label: label(data, "staff_effort")),
    (_("Duration in months"), lambda data, label: data["duration_months"]),
    (_("Funding sources"), lambda data, label: label(data, "funding_sources")),
    (_("Expert opinions"), lambda data, label: data["expert_opinion_count"]),
    *((rating_header(criterion), rating_cell(name)) for name, _reason, criterion in CRITERIA),
    (_("Prerequisites"), prerequisites_cell),
]
# The choices whose labels stand for the codes of these keys.
CHOICES = {
    "implementation": Measure.Implementation,
    "evidence_level": EvidenceLevel,
    "documentation_level": DocumentationLevel,
    "budget_band": BudgetBand,
    "staff_effort": StaffEffort,
    "funding_sources": FundingSource,
    "kind": PrerequisiteKind,
}


class Table:
    """Flattens measures' representations into table rows, with labels in the active language."""

    header = [label for label, cell in TABLE_COLUMNS]

    def __init__(self):
        self.labels = {
            key: {value: str(label) for value, label in choices.choices}
            for key, choices in CHOICES.items()
        }

    def label(self, data, key):
        """The label of the code at `key`, or the labels of the codes there, joined."""
        labels, value = self.labels[key], data[key]
        if isinstance(value, list):
            return LIST_SEPARATOR.join(labels[code] for code in value)
        return labels.get(value, "")

    def row(self, data):
        return [cell(data, self.label) or "" for header, cell in TABLE_COLUMNS]
