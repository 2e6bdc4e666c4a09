"""The number of queries of the discovery pages, pinned, and the same for few and many measures.

Every measure carries two themes and a target group, so a template that reaches a
relation its queryset did not prepare adds queries per row and fails here; each
test also checks that the page shows what the queries fetched.
"""

import pytest

from tests.conftest import read_list_bitmaps_into_cache, read_taxonomy_into_cache
from tests.factories import CategoryFactory, MeasureFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

SIZES = [3, 30]


@pytest.fixture
def build(partnership):
    """`size` published measures spread over the six regions, all sharing their themes."""

    def build(size):
        themes = [CategoryFactory(name="Digital skills"), CategoryFactory(name="Open data")]
        group = TargetGroupFactory(name="Older people")
        regions = list(partnership.values())
        measures = [
            MeasureFactory(
                title=f"Measure {n:02d}",
                slug=f"measure-{n:02d}",
                region=regions[n % len(regions)],
                categories=themes,
                target_groups=[group],
                start_year=2010 + n % 7,
            )
            for n in range(size)
        ]
        read_taxonomy_into_cache()
        read_list_bitmaps_into_cache()
        return measures

    return build


@pytest.mark.parametrize("size", SIZES)
def test_detail_page_with_related_measures_queries(client, django_assert_num_queries, build, size):
    build(size)

    # 1 the measure, with region, partner and the ids of its themes and target groups
    # 2 its links
    # 3 its indicators
    # 4 its prerequisites, the questions of the fit check
    # 5 its public explorations ("Explored by")
    # 6 its published expert opinions
    # 7 its lineage, both ways
    # 8 the related published measures, with region, partner and the ids of their
    #   themes, named by id and grouped by shared count from the bitmaps
    # 9 its history, each version with the ids of its themes and target groups (the change
    #   log, kept in the shared cache after this first view)
    # 10 its moves between states (the change log: when a version went online)
    with django_assert_num_queries(10):
        response = client.get("/en/measures/measure-00/")

    assert len(response.context["related_measures"]) == min(size - 1, 6)
    assert "Open data" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_compare_page_queries(client, django_assert_num_queries, build, size):
    build(size)

    # 1 the chosen measures, with region, partner and the ids of their themes and groups
    # 2 their links (part of for_detail(), which the comparison shares with the detail page)
    # 3 their indicators (likewise)
    with django_assert_num_queries(3):
        response = client.get("/en/compare/?m=measure-00&m=measure-01&m=measure-02&m=nope")

    html = response.content.decode()
    assert "Older people" in html
    assert "Open data" in html


@pytest.mark.parametrize("size", SIZES)
def test_compare_page_with_suggestions_queries(client, django_assert_num_queries, build, size):
    build(size)

    # 1-3 the chosen measure (with the ids of its themes and groups), its links, indicators
    # 4 the related measures offered to add, with region, partner and their themes' ids
    #   (named by id from the bitmaps)
    with django_assert_num_queries(4):
        response = client.get("/en/compare/?m=measure-00")

    assert len(response.context["suggestions"]) == min(size - 1, 3)


@pytest.mark.parametrize("size", SIZES)
def test_statistics_page_queries(client, django_assert_num_queries, build, size):
    build(size)

    # 1 regions with their published counts
    # 2 themes with their published counts
    # 3 published measures counted per start year
    # 4 published measures counted per status in reality
    # 5 public explorations counted per region
    # 6 public "adapted from" links counted per region of the measure that adapted
    with django_assert_num_queries(6):
        response = client.get("/en/statistics/")

    assert f"The catalogue holds {size} published measures." in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_home_page_with_the_map_queries(client, django_assert_num_queries, build, size):
    build(size)

    # The regions (for the map and the list alike), themes and partners from the cached
    # taxonomy, the published counts from the bitmaps.
    # 1 the latest published measures, with region, partner and the ids of their themes
    with django_assert_num_queries(1):
        response = client.get("/en/")

    assert len(response.context["region_map"].markers) == 6


@pytest.mark.parametrize("size", SIZES)
def test_region_page_with_the_map_queries(client, django_assert_num_queries, build, size):
    build(size)

    # Every region for the map from the cached taxonomy, the published counts from the bitmaps.
    # 1 the region with its partner
    # 2 its latest published measures, with region, partner and the ids of their themes
    with django_assert_num_queries(2):
        response = client.get("/en/regions/paijat-hame/")

    assert len(response.context["region_map"].markers) == 6
    assert "Open data" in response.content.decode()
