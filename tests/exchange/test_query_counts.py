"""The exports, the API list and the feed take the same number of queries at 1 and at 30 rows.

Every measure carries two themes and two target groups and each test checks that
the output holds them, so a row that reached a relation the queryset did not
prepare (`for_export()`, `for_listing()`, the export's reader) would add queries
per row and fail here. The exports read the measures through one cursor, 2,000
at a time, with two queries for each such chunk; a test below pins that.
"""

import json

import pytest

from tests.conftest import read_taxonomy_into_cache
from tests.factories import CategoryFactory, MeasureFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

SIZES = [1, 30]


@pytest.fixture
def build_measures(region, theme):
    def build(size):
        themes = [theme, CategoryFactory(name="Digital skills")]
        groups = [TargetGroupFactory(name="Older people"), TargetGroupFactory(name="SMEs")]
        return [
            MeasureFactory(region=region, categories=themes, target_groups=groups)
            for _ in range(size)
        ]

    return build


@pytest.mark.parametrize("size", SIZES)
def test_api_list_queries(client, django_assert_num_queries, build_measures, size):
    build_measures(size)

    # 1 count of the matching measures
    # 2 the measures of the page, with region and partner
    # 3 their themes
    # 4 their target groups
    with django_assert_num_queries(4):
        data = client.get("/api/measures/?page_size=100").json()

    assert len(data["results"]) == size
    assert [t["name"] for t in data["results"][-1]["themes"]] == [
        "E-health and home care",
        "Digital skills",
    ]
    assert len(data["results"][-1]["target_groups"]) == 2


@pytest.mark.parametrize("size", SIZES)
def test_filtered_and_searched_api_list_queries(
    client, django_assert_num_queries, build_measures, size
):
    build_measures(size)

    # The same four: the search words and years are conditions of the same queries.
    # (Facet values are checked against options cached by measures.catalogue.facets, so
    # their count depends on that cache, not on the rows; they are left out here.)
    with django_assert_num_queries(4):
        data = client.get("/api/measures/?q=measure&year_from=2000&sort=title").json()

    assert data["count"] == size
    assert len(data["results"][-1]["target_groups"]) == 2


@pytest.mark.parametrize("size", SIZES)
def test_csv_export_queries(client, django_assert_num_queries, build_measures, size):
    build_measures(size)

    # 1-4 every region, partner, theme and target group (a few dozen rows)
    # 5 the measures, as plain values
    # 6 the links to their themes
    # 7 the links to their target groups
    with django_assert_num_queries(7):
        response = client.get("/en/measures/export.csv")
        text = b"".join(response.streaming_content).decode()

    assert text.count("E-health and home care; Digital skills") == size
    assert text.count("Older people; SMEs") == size


@pytest.mark.parametrize("size", SIZES)
def test_json_export_queries(client, django_assert_num_queries, build_measures, size):
    build_measures(size)

    # 1 the texts of the best matches, scored for the order of relevance
    # 2-5 every region, partner, theme and target group
    # 6 the measures matching the words and years, as plain values
    # 7-8 the links to their themes and target groups
    with django_assert_num_queries(8):
        response = client.get("/en/measures/export.json?q=measure&year_from=2000")
        data = json.loads(b"".join(response.streaming_content))

    assert len(data["results"]) == size
    assert len(data["results"][-1]["target_groups"]) == 2


@pytest.mark.parametrize("size", SIZES)
def test_feed_queries(client, django_assert_num_queries, build_measures, size):
    build_measures(size)
    read_taxonomy_into_cache()

    # 1 the newest measures, with region, partner and the ids of their themes
    #   (the themes themselves come from the cached taxonomy)
    with django_assert_num_queries(1):
        response = client.get("/en/measures/feed/")

    assert response.content.decode().count('term="Digital skills"') == size


def test_export_reads_a_large_list_in_chunks(
    client, django_assert_num_queries, build_measures, monkeypatch
):
    monkeypatch.setattr("measures.exchange.exports.CHUNK_SIZE", 4)
    build_measures(10)

    # 1-4 every region, partner, theme and target group
    # 5 the measures, read through one cursor four at a time
    # then for each of the three chunks (4, 4, 2): the links to themes and to target groups
    with django_assert_num_queries(5 + 2 * 3):
        response = client.get("/en/measures/export.csv")
        text = b"".join(response.streaming_content).decode()

    assert text.count("Older people; SMEs") == 10
