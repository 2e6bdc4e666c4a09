"""The filters of the measure list: facets, year range, search and sort.

Several values of one facet are OR-ed; different facets are AND-ed. A value the
form rejects (an unknown slug, a year that is not a number) is reported to the
visitor and that facet is left out, while the valid ones still apply. The
search words lose their control characters before anything reads them; words
with nothing to search (no letter or digit: "!!!", "-", an emoji) are such a
value, reported and left out rather than shown as a search of every measure.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from pyroaring import BitMap

from measures.catalogue import bitmaps, searched
from measures.catalogue import facets as facet_data
from measures.content_language import localized
from measures.models import (
    FIRST_YEAR,
    LAST_YEAR,
    BudgetBand,
    Category,
    EvidenceLevel,
    FundingSource,
    Measure,
    Region,
    TargetGroup,
    expert_rating,
    expert_reviewed,
)
from measures.models.documentation import DocumentationLevel
from measures.models.results import funding_q
from measures.search.parse import parse
from measures.search.query import (
    MAX_QUERY_LENGTH,
    order_by_relevance,
    search_measures,
    suggest,
)
from partners.models import Partner
from partners.text import CONTROL_CHARACTERS, has_format_characters, one_line

SORTS = {
    "relevance": ("-published_at", "-pk"),  # ranked by measures.search.query when there are words
    "newest": ("-published_at", "-pk"),
    "title": ("title", "pk"),
    "region": ("region__name", "title", "pk"),
}
# Sorts by the average expert rating on one criterion, the best rated first; measures
# without a published opinion follow, newest first. Sort value → criterion.
RATING_SORTS = {
    "rated-relevance": "relevance",
    "rated-evidence": "evidence",
    "rated-transferability": "transferability",
    "rated-novelty": "novelty",
}
SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("newest", _("Newest first")),
    ("title", _("Title A–Z")),
    ("region", _("Region")),
    ("rated-relevance", _("Expert rating: relevance")),
    ("rated-evidence", _("Expert rating: evidence of results")),
    ("rated-transferability", _("Expert rating: transferability")),
    ("rated-novelty", _("Expert rating: novelty")),
]


def ordering(sort):
    """The order_by() terms of a sort value (a fresh expression for each query)."""
    if sort in RATING_SORTS:
        rating = expert_rating(RATING_SORTS[sort]).desc(nulls_last=True)
        return (rating, *SORTS["newest"])
    return SORTS[sort]


# The filters the bitmaps answer besides the facets (measures.catalogue.bitmaps), and those
# that do not narrow the list; every other one (the search words) is asked of the database.
YEARS = ("year_from", "year_to")
NOT_NARROWING = ("sort", "exact")

# The values of `exact` that switch it on whatever the words (as a yes-or-no field reads them).
EXACT_ON = frozenset({"1", "true", "on", "yes"})


def region_countries():
    return facet_data.region_countries()


# What the list says of a facet value it does not know (a mistyped or outdated link),
# after the facet's name: the value itself and that the facet was left out.
UNKNOWN_VALUE = {
    "invalid_choice": _("“%(value)s” is not one of its options, so this filter was left out."),
}


class FacetFilter(django_filters.ModelMultipleChoiceFilter):
    """Several values of one facet, matched by slug and OR-ed.

    The slugs are checked against the cached facet options, not the database. No
    DISTINCT: a measure has one region and one partner, so nothing repeats it.
    """

    field_class = facet_data.CachedFacetField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("distinct", False)
        kwargs.setdefault("error_messages", UNKNOWN_VALUE)
        super().__init__(*args, **kwargs)


class ManyToManyFacetFilter(FacetFilter):
    """A facet over a many-to-many relation, matched through a subquery.

    Filtering `categories__in` would repeat a measure once per matching theme;
    `pk__in` a subquery of the join table keeps each measure once without DISTINCT.
    """

    def filter(self, qs, value):
        if not value:
            return qs
        relation = qs.model._meta.get_field(self.field_name)
        rows = relation.remote_field.through.objects.filter(
            **{f"{relation.m2m_reverse_field_name()}__in": value}
        )
        return qs.filter(pk__in=rows.values(relation.m2m_field_name()))


class ChoiceFacetFilter(django_filters.MultipleChoiceFilter):
    """Several fixed choices of one facet, OR-ed, as ticked boxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("distinct", False)
        kwargs.setdefault("error_messages", UNKNOWN_VALUE)
        super().__init__(*args, **kwargs)


class FundingFilter(ChoiceFacetFilter):
    """Measures funded by any of the chosen kinds of source (a yes-or-no field each)."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(funding_q(value))


class ExpertReviewedFilter(ChoiceFacetFilter):
    """Measures with at least one published expert opinion."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(expert_reviewed())


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def tidied(data):
    """The query `data` as the list, the API, the feed and the downloads read it: search
    words without control characters and the start years in order."""
    return years_in_order(without_control_characters(data))


def years_in_order(data):
    """A copy of the query `data` with "from" and "until" swapped when they came reversed.

    "Started from 2020 until 2010" means the years between the two: rather than an empty
    list that does not say why, the visitor gets the measures of 2010 to 2020.
    """
    first, last = (str(data.get(name) or "").strip() for name in YEARS)
    if not (first.isdigit() and last.isdigit() and int(first) > int(last)):
        return data
    data = data.copy()
    data[YEARS[0]], data[YEARS[1]] = last, first
    return data


def without_control_characters(data):
    """A copy of the query `data` whose search words hold no control character.

    A NUL or an escape in `q` must reach neither the page, nor the links that
    repeat the query, nor the database (PostgreSQL refuses a NUL in any text):
    each run of control characters and spaces becomes one space. An invisible
    format character (a zero-width space, a bidi control that turns the words
    around in a feed's title) is taken out, with or without a control character
    beside it. Words without either stay as they were typed. The list, the API,
    the feed and the downloads all read `q` through this one function.
    """
    data = data.copy()
    if "q" in data:
        if isinstance(data, QueryDict):
            data.setlist("q", [single_line_words(words) for words in data.getlist("q")])
        else:
            data["q"] = single_line_words(data["q"])
    return data


def single_line_words(words):
    if CONTROL_CHARACTERS.search(words) or has_format_characters(words):
        return one_line(words)
    return words


def has_words(words):
    """Refuse search words the search would read nothing in, so they search every measure."""
    if words and not parse(words):
        raise ValidationError(
            _("These words hold no letter or digit to search for, so the search was left out."),
            code="no_words",
        )


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=pgettext_lazy("the words searched, as a label", "Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        validators=[has_words],
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. home care")}),
    )
    region = FacetFilter(
        field_name="region__slug", label=_("Region"), queryset=Region.objects.all()
    )
    country = django_filters.MultipleChoiceFilter(
        field_name="region__country",
        label=_("Country"),
        choices=region_countries,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
        error_messages=UNKNOWN_VALUE,
    )
    theme = ManyToManyFacetFilter(
        field_name="categories", label=_("Theme"), queryset=Category.objects.all()
    )
    target = ManyToManyFacetFilter(
        field_name="target_groups", label=_("Target group"), queryset=TargetGroup.objects.all()
    )
    partner = FacetFilter(
        field_name="partner__slug", label=_("Partner"), queryset=Partner.objects.all()
    )
    evidence = ChoiceFacetFilter(
        field_name="evidence_level", label=_("Evidence of results"), choices=EvidenceLevel.choices
    )
    documentation = ChoiceFacetFilter(
        field_name="documentation_level",
        label=_("How well documented"),
        choices=DocumentationLevel.choices,
    )
    budget = ChoiceFacetFilter(
        field_name="budget_band", label=_("Budget"), choices=BudgetBand.choices
    )
    funding = FundingFilter(label=_("Funding source"), choices=FundingSource.choices)
    reviewed = ExpertReviewedFilter(label=_("Expert opinion"), choices=facet_data.REVIEWED_CHOICES)
    year_from = YearFilter(
        field_name="start_year",
        lookup_expr="gte",
        label=_("Started from"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    year_to = YearFilter(
        field_name="start_year",
        lookup_expr="lte",
        label=_("Started until"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
    )
    # The search words exactly as typed: no correction when they find nothing (is_exact).
    exact = django_filters.CharFilter(
        label=_("Search for these words exactly"),
        method="filter_sort",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Measure
        fields = []

    # The words typed, when this filter set searches their correction instead (corrected()).
    corrected_from = ""

    FACETS = (
        "region",
        "theme",
        "country",
        "target",
        "partner",
        "evidence",
        "documentation",
        "budget",
        "funding",
        "reviewed",
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = tidied(data)
        super().__init__(data, *args, **kwargs)

    def filter_search(self, queryset, name, value):
        return search_measures(queryset, value)

    def filter_sort(self, queryset, name, value):
        # Ordering happens in filter_queryset, after every other filter; `exact`
        # tells the list view not to correct the words.
        return queryset

    def filter_queryset(self, queryset):
        queryset = self._apply(queryset)
        if self.order == "relevance":
            return order_by_relevance(queryset.order_by(*SORTS["relevance"]), self.query)
        return queryset.order_by(*ordering(self.order))

    def _apply(self, queryset, leave_out=()):
        """The queryset with every valid filter applied, except those named in `leave_out`."""
        leave_out = {leave_out} if isinstance(leave_out, str) else set(leave_out)
        for name, value in self.form.cleaned_data.items():
            if name not in leave_out:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def count_without(self, leave_out):
        """How many measures the list would show without the filters named in `leave_out`.

        From the bitmaps, with the ids the search words found (read once).
        """
        self.is_valid()
        leave_out = {leave_out} if isinstance(leave_out, str) else set(leave_out)
        data = self.form.cleaned_data
        chosen = {n: data[n] for n in self.FACETS if data.get(n) and n not in leave_out}
        return len(facet_data.narrowed(self.bitmaps(), self._base_ids(leave_out), chosen))

    def found(self):
        """What the search words find (measures.catalogue.searched), read once: with the
        order ranking picks its candidates by when the list is sorted by relevance."""
        if not hasattr(self, "_found"):
            self._found = searched.found(
                self.queryset, self.query, ranked=self.order == "relevance"
            )
        return self._found

    def corrected(self, *, with_facets=False, empty=None):
        """The same filters with misspelled search words corrected, or None.

        Only when the words find nothing, the visitor did not ask for them exactly
        (`exact=1`), some are unknown (measures.search.query.suggest) and the
        corrected words find something. The list page, the API, the feeds and the
        alerts all search the corrected words then, and say so. `with_facets`: the
        caller counts the facets of both filter sets anyway, and that count also says
        whether a list is empty; otherwise each asks with one EXISTS.
        `empty`: whether this list finds nothing, when the caller has counted it.
        """
        query = self.query
        if not query or self.is_exact or empty is False:
            return None
        if empty is None and self._finds_some(with_facets):
            return None
        suggestion = suggest(query, self.queryset)
        if suggestion is None:
            return None
        data = self.data.copy()
        data["q"] = suggestion
        # The page number, and words an earlier "search instead" kept as typed.
        data.pop("page", None)
        data.pop("exact", None)
        other = type(self)(data, queryset=self.queryset, request=self.request)
        other.corrected_from = query
        return other if other._finds_some(with_facets) else None

    def _finds_some(self, with_facets):
        if with_facets:
            return bool(self.total())
        self.is_valid()
        return self._apply(self.queryset).exists()

    @property
    def is_exact(self):
        """Whether the search words are searched as typed, without correction.

        exact=1 (the "search instead for" link), or exact= the words themselves:
        what the filter form sends back (templates/includes/site_header.html), so
        that a changed filter keeps the words as typed while other words typed
        in the search box are corrected again.
        """
        self.is_valid()
        value = self.form.cleaned_data.get("exact") or ""
        if value.lower() in EXACT_ON:
            return True
        return bool(value) and value.split() == self.query.split()

    @property
    def query(self):
        self.is_valid()
        return self.form.cleaned_data.get("q") or ""

    @property
    def order(self):
        """The order asked for; with search words and no choice, the best matches first."""
        self.is_valid()
        return self.form.cleaned_data.get("sort") or self.default_order

    @property
    def default_order(self):
        """The order the list has when the visitor chose none."""
        return "relevance" if self.query else "newest"

    def canonical_query(self, *, with_sort=True, page=1):
        """The query string that names this filtered list, for addresses meant to last.

        Only the filters in force: valid values, in the filter set's order, each
        facet's values sorted, the sort only when it differs from the default and
        the page only after the first. The same filters give the same address in
        whatever order the visitor ticked them, and tracking or mistyped
        parameters fall away. Without "?".
        """
        self.is_valid()
        data = self.form.cleaned_data
        query = QueryDict(mutable=True)
        for name, field in self.form.fields.items():
            value = data.get(name)
            if name == "sort":
                if with_sort and value and value != self.default_order:
                    query[name] = value
            elif name == "exact":
                if self.is_exact and data.get("q"):
                    query[name] = "1"
            elif isinstance(value, (list, tuple, QuerySet)):
                key = getattr(field, "to_field_name", None)
                values = sorted(str(getattr(item, key) if key else item) for item in value)
                if values:
                    query.setlist(name, values)
            elif value is not None and value != "":
                query[name] = str(value)
        if page and page > 1:
            query["page"] = str(page)
        return query.urlencode()

    def facets(self):
        """Every facet with its options, each counted under the *other* active filters.

        The counts from the bitmaps (measures.catalogue.facets), whatever the number of
        options, and the options from the cache: the count of an option is how many
        measures the list would show if it were ticked too (for an unticked option of
        a facet with ticks: added to the "or").
        """
        self.is_valid()
        data = self.form.cleaned_data
        options = facet_data.options()
        counts = self.facet_counts()[1]
        facets = []
        for name in self.FACETS:
            counted = counts[name]
            selected = {
                value if name in facet_data.PLAIN_FACETS else value.slug
                for value in data.get(name) or []
            }
            facets.append(
                {
                    "name": name,
                    "label": self.form.fields[name].label,
                    "options": [
                        {
                            "value": value,
                            "label": label,
                            "count": counted.get(value, 0),
                            "checked": value in selected,
                        }
                        for value, label in options[name]
                    ],
                }
            )
        return facets

    def facet_counts(self):
        """(number of results, {facet: {option: count}}), from the bitmaps, counted once."""
        if not hasattr(self, "_facet_counts"):
            self.is_valid()
            data = self.form.cleaned_data
            chosen = {name: data[name] for name in self.FACETS if data.get(name)}
            ids, counts = facet_data.counts(self.bitmaps(), self._base_ids(), chosen, self.FACETS)
            self._result_ids = ids
            self._facet_counts = len(ids), counts
        return self._facet_counts

    def total(self):
        """How many measures match every filter: the paginator's count, from facet_counts()."""
        return self.facet_counts()[0]

    def result_ids(self):
        """The ids of the measures that match every filter, as a bitmap."""
        self.facet_counts()
        return self._result_ids

    def bitmaps(self):
        """The bitmaps of the published measures (measures.catalogue.bitmaps), read once:
        every count of a page is made from the same content version."""
        if not hasattr(self, "_bitmaps"):
            self._bitmaps = bitmaps.current()
        return self._bitmaps

    def _base_ids(self, leave_out=()):
        """The ids of the published measures under every filter that is not a facet.

        The years from the bitmaps; the search words from what they find, read once
        (`found`); any other filter from the database.
        """
        data = self.form.cleaned_data
        index = self.bitmaps()
        ids = index.published
        first, last = (None if name in leave_out else data.get(name) for name in YEARS)
        if first is not None or last is not None:
            ids = ids & index.started_between(first, last)
        if data.get("q") and "q" not in leave_out:
            ids = ids & self.found().ids
        asked = {
            name
            for name in self.filters
            if name not in (*self.FACETS, *YEARS, *NOT_NARROWING, "q", *leave_out)
            and data.get(name)
        }
        if asked:
            ids = ids & self._matching_ids(frozenset(asked))
        return ids

    def _matching_ids(self, names):
        """The ids of the measures of the queryset under the filters `names`, read once."""
        found = self.__dict__.setdefault("_matching", {})
        if names not in found:
            queryset = self._apply(self.queryset, leave_out=set(self.filters) - names)
            found[names] = BitMap(queryset.order_by().values_list("pk", flat=True))
        return found[names]

    @property
    def invalid_fields(self):
        """(label, messages) of every filter the visitor's values did not fit."""
        self.is_valid()
        return [
            (self.form.fields[name].label, errors)
            for name, errors in self.form.errors.items()
            if name in self.form.fields
        ]

    def active_filters(self):
        """Chips for the filters in force, each with the query string that removes it."""
        self.is_valid()
        data = self.form.cleaned_data
        chips = []
        for name in self.FACETS:
            field = self.form.fields[name]
            for value in data.get(name) or []:
                if name in facet_data.PLAIN_FACETS:
                    key, text = value, facet_data.choice_label(name, value)
                else:
                    key, text = value.slug, localized(value, "name")
                chips.append(self._chip(name, field.label, text, key))
        for name in ("year_from", "year_to"):
            if data.get(name) is not None:
                chips.append(self._chip(name, self.form.fields[name].label, data[name]))
        if data.get("q"):
            chips.append(self._chip("q", self.form.fields["q"].label, data["q"]))
        return chips

    def _chip(self, name, label, text, key=None):
        """`key` is the one facet value to remove; without it the whole filter goes.

        A single-valued filter is removed by name, not by value: its cleaned value
        ("care") may differ from what the visitor sent ("care ", or q twice).
        """
        remaining = self.data.copy()
        if key is None:
            remaining.pop(name, None)
        else:
            remaining.setlist(name, [v for v in remaining.getlist(name) if v != key])
        remaining.pop("page", None)
        return {"name": name, "label": label, "text": text, "query": remaining.urlencode()}
