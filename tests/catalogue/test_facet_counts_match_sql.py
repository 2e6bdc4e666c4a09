"""Every facet count and total of the list equals a plain SQL COUNT over published measures.

A seeded random catalogue (published, draft, submitted and archived measures in
several regions, countries, themes, target groups and partners, with evidence,
documentation, budget, funding, start years and expert opinions) is filtered
with seeded random combinations of facets, years and search words. For each,
the list's counts (from bitmaps) are compared with counts written here
independently: `Measure.objects.published()` filtered with Django lookups, one
COUNT per option. The page's measures are compared with the filtered queryset in
the same order, for every sort.
"""

import random

import pytest
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from measures.catalogue import results
from measures.catalogue.filters import SORT_CHOICES, MeasureFilter
from measures.models import (
    FUNDING_FIELDS,
    BudgetBand,
    Category,
    EvidenceLevel,
    ExpertOpinion,
    FundingSource,
    Measure,
    Region,
    TargetGroup,
)
from measures.models.documentation import DocumentationLevel
from measures.search.query import search_measures
from partners.models import Partner
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
    UserFactory,
)
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

SEED = 20261203
COMBINATIONS = 60
WORDS = ["coworking", "broadband", "care", "library", "mobility", "farm", "museum", "voucher"]
SEARCHES = [
    "care",
    "farm",
    "coworking hub",
    "library care",
    '"digital library"',
    "care or farm",
    "museum -care",
    "-broadband",
    "mobilty",
    "voucher",
]
YEARS = [None, 2012, 2016, 2019, 2021, 2024]
STATES = ["published"] * 6 + ["draft", "submitted", "archived"]


@pytest.fixture
def catalogue():
    """About 90 measures, two thirds published, with every facet's values spread at random."""
    rng = random.Random(SEED)
    partners = [PartnerFactory(name=f"Partner {n}") for n in range(4)]
    regions = [
        RegionFactory(name=f"Region {code}{n}", country=code, partner=partners[n % 4])
        for n, code in enumerate(["FI", "FI", "DE", "AT", "PL", "DE"])
    ]
    themes = [CategoryFactory(name=f"Theme {n}") for n in range(5)]
    groups = [TargetGroupFactory(name=f"Group {n}") for n in range(4)]
    expert = UserFactory(username="expert")
    start = timezone.now()
    for _ in range(90):
        words = rng.sample(WORDS, 2)
        region = rng.choice(regions)
        measure = MeasureFactory(
            title=f"{words[0].capitalize()} {rng.choice(['hub', 'digital library', 'pilot'])}",
            summary=f"About {words[1]} for the region.",
            region=region,
            partner=rng.choice([region.partner, *partners]),
            categories=rng.sample(themes, rng.randint(0, 3)),
            target_groups=rng.sample(groups, rng.randint(0, 2)),
            start_year=rng.choice([None, 2010, 2014, 2016, 2018, 2019, 2020, 2022, 2024]),
            evidence_level=rng.choice(["", *EvidenceLevel.values]),
            documentation_level=rng.choice(["", *DocumentationLevel.values]),
            budget_band=rng.choice(["", *BudgetBand.values]),
            status=rng.choice(STATES),
            # Some share a moment, so that the orders' last term decides.
            published_at=start - timezone.timedelta(hours=rng.randint(0, 40)),
            **{field: rng.random() < 0.3 for field in FUNDING_FIELDS.values()},
        )
        if rng.random() < 0.3:
            status = rng.choice([ExpertOpinion.Status.PUBLISHED, ExpertOpinion.Status.DRAFT])
            make_opinion(
                measure,
                expert,
                status=status,
                evidence=rng.randint(1, 5),
                relevance=rng.randint(1, 5),
                published_at=start if status == ExpertOpinion.Status.PUBLISHED else None,
            )
    return rng


def options():
    """{facet: every value a visitor can choose}, read here from the models and choices."""
    return {
        "region": list(Region.objects.values_list("slug", flat=True)),
        "country": sorted(set(Region.objects.values_list("country", flat=True))),
        "theme": list(Category.objects.values_list("slug", flat=True)),
        "target": list(TargetGroup.objects.values_list("slug", flat=True)),
        "partner": list(Partner.objects.values_list("slug", flat=True)),
        "evidence": list(EvidenceLevel.values),
        "documentation": list(DocumentationLevel.values),
        "budget": list(BudgetBand.values),
        "funding": list(FundingSource.values),
        "reviewed": ["yes"],
    }


def has(name, values):
    """The condition "has one of `values` in facet `name`", as plain Django lookups."""
    if name == "region":
        return Q(region__slug__in=values)
    if name == "country":
        return Q(region__country__in=values)
    if name == "theme":
        return Q(pk__in=Measure.objects.filter(categories__slug__in=values).values("pk"))
    if name == "target":
        return Q(pk__in=Measure.objects.filter(target_groups__slug__in=values).values("pk"))
    if name == "partner":
        return Q(partner__slug__in=values)
    if name == "evidence":
        return Q(evidence_level__in=values)
    if name == "documentation":
        return Q(documentation_level__in=values)
    if name == "budget":
        return Q(budget_band__in=values)
    if name == "funding":
        either = Q(pk__in=[])
        for value in values:
            either |= Q(**{FUNDING_FIELDS[FundingSource(value)]: True})
        return either
    assert name == "reviewed"
    reviewed = ExpertOpinion.objects.filter(status=ExpertOpinion.Status.PUBLISHED)
    return Q(pk__in=reviewed.values("measure_id"))


def expected_counts(params, every_option):
    """(total, {facet: {option: count}}) by COUNT queries over published measures."""
    base = Measure.objects.published()
    if params.get("q"):
        base = search_measures(base, params["q"])
    first, last = params.get("year_from"), params.get("year_to")
    if first and last and first > last:
        # Years given the wrong way round mean the years between them
        # (measures.catalogue.filters.years_in_order).
        first, last = last, first
    if first:
        base = base.filter(start_year__gte=first)
    if last:
        base = base.filter(start_year__lte=last)
    chosen = {name: params[name] for name in every_option if params.get(name)}
    total = base.filter(*[has(name, values) for name, values in chosen.items()]).count()
    counts = {}
    for name, values in every_option.items():
        others = [has(other, chosen[other]) for other in chosen if other != name]
        narrowed = base.filter(*others)
        found = {value: narrowed.filter(has(name, [value])).count() for value in values}
        counts[name] = {value: n for value, n in found.items() if n}
    return total, counts


def random_filters(rng, every_option):
    params = {}
    for name in rng.sample(list(every_option), rng.randint(0, 4)):
        params[name] = rng.sample(
            every_option[name], min(len(every_option[name]), rng.randint(1, 2))
        )
    if rng.random() < 0.5:
        params["q"] = rng.choice(SEARCHES)
    first, last = rng.choice(YEARS), rng.choice(YEARS)
    if first:
        params["year_from"] = first
    if last:
        params["year_to"] = last
    params["sort"] = rng.choice([value for value, _ in SORT_CHOICES])
    return params


def filter_set(params):
    data = QueryDict(mutable=True)
    for name, value in params.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = str(value)
    return MeasureFilter(data, queryset=Measure.objects.published().for_listing())


def test_every_count_equals_a_count_over_published_measures_for_random_filters(catalogue):
    rng = catalogue
    every_option = options()
    searched = with_years = faceted = 0
    for _ in range(COMBINATIONS):
        params = random_filters(rng, every_option)
        filterset = filter_set(params)

        total, counts = filterset.facet_counts()

        assert filterset.is_valid(), (params, filterset.errors)
        assert (total, counts) == expected_counts(params, every_option), params
        searched += "q" in params
        with_years += "year_from" in params or "year_to" in params
        faceted += any(name in params for name in every_option)
    # The combinations cover words, years and facets, each many times.
    assert min(searched, with_years, faceted) >= 15
    assert Measure.objects.exclude(status="published").exists()


def test_every_page_holds_the_measures_of_the_filtered_queryset_in_its_order(catalogue):
    rng = catalogue
    every_option = options()
    for _ in range(COMBINATIONS):
        params = random_filters(rng, every_option)
        # Facets thin the list; fewer of them leave pages to turn.
        for name in list(every_option)[: rng.randint(0, len(every_option))]:
            params.pop(name, None)
        filterset = filter_set(params)
        start = rng.choice([0, 0, 5, 20, 40])
        stop = start + rng.choice([1, 7, 20])

        page = results.page(filterset, start, stop)

        expected = list(filterset.qs.values_list("pk", flat=True)[start:stop])
        assert [measure.pk for measure in page] == expected, params
        assert all(measure.status == "published" for measure in page)


def test_a_draft_is_never_counted(catalogue):
    every_option = options()
    drafts = Measure.objects.exclude(status="published")

    total, counts = filter_set({}).facet_counts()

    assert total == Measure.objects.published().count() == 90 - drafts.count()
    assert (total, counts) == expected_counts({}, every_option)
