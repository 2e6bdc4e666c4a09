"""The number of queries of each public page, pinned, and the same at 1 and at 40 rows.

Every measure carries three themes, two target groups, two links, two indicators
and a budget, evidence level, documentation level and funding source, and all but the last were
adapted from the last one; each test checks that the page shows them, so a
template that reaches a relation the queryset did not prepare (`for_listing()`,
`for_detail()`) adds queries per row and fails here.

The counts are those of every request but the first after a change of the
catalogue: that one also reads the taxonomy (regions, themes, target groups,
partners) into the shared cache, four queries, and the first list or measure page
the bitmaps of the published measures, three (and each order of the list, one, on
its first use), and a measure page its change log, two, pinned on their own below.
"""

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.conftest import read_list_bitmaps_into_cache, read_taxonomy_into_cache
from tests.factories import (
    CategoryFactory,
    IndicatorFactory,
    LineageFactory,
    MeasureFactory,
    MeasureLinkFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
    UserFactory,
)
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

SIZES = [1, 40]


@pytest.fixture
def build_catalogue(region, theme):
    """Build `size` published measures in one region, partner and theme, fully related."""

    def build(size):
        other_themes = [CategoryFactory(name="Digital skills"), CategoryFactory(name="Data")]
        groups = [TargetGroupFactory(name="Older people"), TargetGroupFactory(name="SMEs")]
        # Other regions and partners, so the facets and tiles have more than one row.
        RegionFactory(name="Lower Austria", partner=PartnerFactory(name="Ecoplus"))
        measures = []
        for n in range(size):
            measure = MeasureFactory(
                title=f"Measure {n:02d}",
                region=region,
                categories=[theme, *other_themes],
                target_groups=groups,
                evidence_level="monitored",
                documentation_level="partly",
                budget_band="over-1m",
                funding_erdf=True,
            )
            MeasureLinkFactory(measure=measure, title=f"Report {n}")
            MeasureLinkFactory(measure=measure, title=f"Press article {n}")
            IndicatorFactory(measure=measure, name=f"Visitors {n}", achieved=1000 + n)
            IndicatorFactory(measure=measure, name=f"Events {n}", target=10, achieved=None)
            measures.append(measure)
        for measure in measures[:-1]:
            LineageFactory(measure=measure, origin=measures[-1])
        read_taxonomy_into_cache()
        return measures

    return build


@pytest.mark.parametrize("size", SIZES)
def test_home_page_queries(client, django_assert_num_queries, build_catalogue, size):
    build_catalogue(size)
    read_list_bitmaps_into_cache()

    # The regions, themes and active partners from the cached taxonomy, the published
    # counts (in all, of each region and of each theme) from the bitmaps.
    # 1 the latest published measures, with region, partner and the ids of their themes
    with django_assert_num_queries(1):
        response = client.get("/en/")

    html = response.content.decode()
    assert f"Measure {size - 1:02d}" in html
    assert "Digital skills" in html
    assert len(response.context["latest_measures"]) == min(size, 6)
    assert response.context["measure_count"] == size
    counts = {region.name: region.published_count for region in response.context["regions"]}
    assert counts == {"Päijät-Häme": size, "Lower Austria": 0}
    assert {theme.name: theme.published_count for theme in response.context["themes"]} == {
        "E-health and home care": size,
        "Digital skills": size,
        "Data": size,
    }
    assert response.context["partner_count"] == 2


@pytest.mark.parametrize("size", SIZES)
def test_first_home_page_after_a_change_reads_the_taxonomy_and_the_bitmaps_once(
    client, django_assert_num_queries, build_catalogue, size, settings
):
    build_catalogue(size)
    settings.N2M_PAGE_CACHE_TIMEOUT = 0  # each request renders the page
    cache.clear()  # as after a change: the cached taxonomy belongs to an older version

    # 1-4 the regions, themes, target groups and partners, into the shared cache
    # 5-7 the bitmaps of the published measures, into the shared cache
    # 8 the latest published measures
    with django_assert_num_queries(8):
        client.get("/en/")
    with django_assert_num_queries(1):
        client.get("/en/")


@pytest.mark.parametrize("size", SIZES)
def test_measure_list_queries(client, django_assert_num_queries, build_catalogue, size):
    build_catalogue(size)
    read_list_bitmaps_into_cache()

    # The counts of every facet's options, the number of results and the ids of the
    # page come from the bitmaps; the options from the cached taxonomy.
    # 1 the measures of the page by id, with region, partner and the ids of their themes
    with django_assert_num_queries(1):
        response = client.get("/en/measures/")

    assert len(response.context["measures"]) == min(size, 20)
    assert "Digital skills" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_filtered_measure_list_queries(client, django_assert_num_queries, build_catalogue, size):
    build_catalogue(size)
    read_list_bitmaps_into_cache()

    # The facets, the years and the page's ids in the order of titles from the bitmaps
    # (the cached taxonomy validates the region, country, theme and target values).
    # 1 the ids of the measures the words find
    # 2 the measures of the page by id, with region, partner and the ids of their themes
    with django_assert_num_queries(2):
        response = client.get(
            "/en/measures/?region=paijat-hame&country=FI&theme=e-health-care"
            "&target=nope&q=measure&year_from=2000&sort=title&page=1"
        )

    assert len(response.context["measures"]) == min(size, 20)
    assert response.context["invalid_filters"]


@pytest.mark.parametrize("size", SIZES)
def test_first_request_after_a_change_reads_the_taxonomy_and_the_bitmaps_once(
    client, django_assert_num_queries, build_catalogue, size, theme
):
    measure = build_catalogue(size)[-1]
    # A related measure in another region, so the related cards are there at every size.
    MeasureFactory(title="Related measure elsewhere", categories=[theme])
    cache.clear()  # as after a change: the cached taxonomy belongs to an older version

    # 1-4 the regions, themes, target groups and partners, into the shared cache
    # 5-7 the bitmaps: the published measures with their facet columns, newest first,
    #   their themes and their target groups, into the shared cache
    # 8 the ids of the measures the words find
    # 9 the texts of the best matches, scored for the order of relevance
    # 10 the measures of the page by id, with region, partner and the ids of their themes
    with django_assert_num_queries(10):
        client.get("/en/measures/?region=paijat-hame&q=measure")
    # the next list, on any app server, finds the taxonomy and the bitmaps in the cache;
    # another order is read once, on its first use
    # 1 the ids of the published measures in the order of titles, into the shared cache
    # 2 the measures of the page by id
    with django_assert_num_queries(2):
        client.get("/en/measures/?region=paijat-hame&sort=title")
    # the next page, on any app server, finds the taxonomy and the bitmaps in the cache: the
    # measure page's ten queries on its first view after a change (test_measure_detail_queries)
    with django_assert_num_queries(10):
        response = client.get(f"/en/measures/{measure.slug}/")

    assert "Digital skills" in response.content.decode()
    assert "Older people" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_measure_detail_queries(
    client, django_assert_num_queries, build_catalogue, size, theme, settings
):
    measure = build_catalogue(size)[-1]
    # A related measure in another region, so the related cards are there at every size.
    MeasureFactory(title="Related measure elsewhere", categories=[theme])
    make_opinion(measure, UserFactory(), status="published", published_at=timezone.now())
    read_taxonomy_into_cache()
    read_list_bitmaps_into_cache()
    settings.N2M_PAGE_CACHE_TIMEOUT = 0  # each request renders the page

    # The first view after a change also reads the change log into the shared cache:
    # 9 its history, each version with the ids of its themes and target groups
    # 10 its moves between states (when a version went online)
    with django_assert_num_queries(10):
        client.get(f"/en/measures/{measure.slug}/")

    # Every other view:
    # 1 the measure, with region, partner and the ids of its themes and target groups
    # 2 its links
    # 3 its indicators
    # 4 its prerequisites, the questions of the fit check
    # 5 its public explorations ("Explored by")
    # 6 its published expert opinions (one more since they came: a list of its own, as the
    #   explorations are, shown beside the results they judge)
    # 7 its lineage, both ways
    # 8 the related published measures, with region, partner and the ids of their themes
    #   (the candidates named by id, from the bitmaps)
    # (its change log from the shared cache)
    with django_assert_num_queries(8):
        response = client.get(f"/en/measures/{measure.slug}/")

    html = response.content.decode()
    assert "Related measure elsewhere" in html
    for text in ["E-health and home care", "Digital skills", "Data", "Older people", "SMEs"]:
        assert text in html
    assert f"Report {size - 1}" in html
    assert f"Press article {size - 1}" in html
    assert measure.partner.name in html
    assert f"Visitors {size - 1}" in html
    assert "Over €1 million" in html
    assert "Dr. Maria Nowak" in html
    # Adapted in every other measure of the catalogue, each shown with its region.
    assert len(response.context["adaptations"]) == size - 1
    assert html.count('<p class="lineage__kind">Adapted in</p>') == size - 1


@pytest.mark.parametrize("size", SIZES)
def test_first_measure_page_after_a_change_reads_the_taxonomy_and_the_bitmaps_once(
    client, django_assert_num_queries, build_catalogue, size, theme, settings
):
    measure = build_catalogue(size)[-1]
    MeasureFactory(title="Related measure elsewhere", categories=[theme])
    settings.N2M_PAGE_CACHE_TIMEOUT = 0  # each request renders the page
    cache.clear()  # as after a change: the cached taxonomy belongs to an older version

    # 1-4 the regions, themes, target groups and partners, into the shared cache
    # 5-7 the bitmaps of the published measures, for the candidates of the related measures
    # 8-17 the measure page's ten queries, its change log's two among them, into the shared
    #   cache (test_measure_detail_queries)
    with django_assert_num_queries(17):
        client.get(f"/en/measures/{measure.slug}/")
    # the next view, on any app server, finds all three in the cache
    with django_assert_num_queries(8):
        response = client.get(f"/en/measures/{measure.slug}/")

    assert "Related measure elsewhere" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_region_page_queries(client, django_assert_num_queries, build_catalogue, size):
    build_catalogue(size)
    read_list_bitmaps_into_cache()

    # Every region for the map from the cached taxonomy, the published counts from the bitmaps.
    # 1 the region with its partner
    # 2 its latest published measures, with region, partner and the ids of their themes
    with django_assert_num_queries(2):
        response = client.get("/en/regions/paijat-hame/")

    assert len(response.context["measures"]) == min(size, 12)
    assert "Digital skills" in response.content.decode()
    assert response.context["region"].published_count == size
    counts = {region.name: region.published_count for region in response.context["regions"]}
    assert counts == {"Päijät-Häme": size, "Lower Austria": 0}


@pytest.mark.parametrize("size", SIZES)
def test_theme_page_queries(client, django_assert_num_queries, build_catalogue, size):
    build_catalogue(size)
    read_list_bitmaps_into_cache()

    # 1 the theme (its published count from the bitmaps)
    # 2 its latest published measures, with region, partner and the ids of their themes
    with django_assert_num_queries(2):
        response = client.get("/en/themes/e-health-care/")

    assert len(response.context["measures"]) == min(size, 12)
    assert "Digital skills" in response.content.decode()
    assert response.context["theme"].published_count == size


@pytest.mark.parametrize("size", SIZES)
def test_partner_page_queries(client, django_assert_num_queries, build_catalogue, size, region):
    build_catalogue(size)

    # 1 the partner with its published count
    # 2 its regions
    # 3 its latest published measures, with region, partner and the ids of their themes
    with django_assert_num_queries(3):
        response = client.get(f"/en/partners/{region.partner.slug}/")

    assert len(response.context["measures"]) == min(size, 12)
    assert "Digital skills" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "names", "queries"),
    [
        # The rows from the cached taxonomy, their published counts from the bitmaps.
        ("/en/regions/", ["Päijät-Häme", "Lower Austria"], 0),
        ("/en/themes/", ["E-health and home care", "Digital skills", "Data"], 0),
        # 1 the partners with their published counts
        ("/en/partners/", ["Ecoplus"], 1),
    ],
)
@pytest.mark.parametrize("size", SIZES)
def test_index_pages_take_at_most_one_query(
    client, django_assert_num_queries, build_catalogue, size, url, names, queries
):
    build_catalogue(size)
    read_list_bitmaps_into_cache()

    with django_assert_num_queries(queries):
        response = client.get(url)

    html = response.content.decode()
    for name in names:
        assert name in html
    assert f"{size} measure" in html


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("extra_options", [0, 8])
def test_measure_list_queries_with_every_facet_on(
    client, django_assert_num_queries, build_catalogue, size, extra_options
):
    build_catalogue(size)
    for n in range(extra_options):
        RegionFactory(name=f"Extra region {n}")
        CategoryFactory(name=f"Extra theme {n}")
        TargetGroupFactory(name=f"Extra group {n}")
    read_taxonomy_into_cache()
    read_list_bitmaps_into_cache()
    from measures.models import TargetGroup
    from partners.models import Partner

    groups = "&".join(
        f"target={slug}" for slug in TargetGroup.objects.values_list("slug", flat=True)
    )
    partner = Partner.objects.get(regions__slug="paijat-hame").slug
    query = (
        f"?region=paijat-hame&theme=e-health-care&country=FI&{groups}&partner={partner}"
        "&year_from=2000&year_to=2030&q=Measure&sort=title"
        "&evidence=monitored&evidence=evaluated&budget=over-1m&funding=erdf&funding=private"
        "&documentation=partly&documentation=thinly"
    )

    # The counts of every facet's options and of the matching measures from the bitmaps
    # (the cached taxonomy checks the chosen values).
    # 1 the ids of the measures the words find
    # 2 the measures of the page by id, with region, partner and the ids of their themes
    with django_assert_num_queries(2):
        response = client.get(f"/en/measures/{query}")

    assert response.context["invalid_filters"] == []
    assert len(response.context["measures"]) == min(size, 20)
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    region_options = {o["value"]: o for o in facets["region"]["options"]}
    assert region_options["paijat-hame"]["checked"]
    assert region_options["paijat-hame"]["count"] == size
    funding_options = {o["value"]: o for o in facets["funding"]["options"]}
    assert funding_options["erdf"]["count"] == size
    assert funding_options["private"]["checked"]
    documentation = {o["value"]: o for o in facets["documentation"]["options"]}
    assert documentation["partly"]["count"] == size
