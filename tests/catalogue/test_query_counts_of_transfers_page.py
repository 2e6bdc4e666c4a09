"""The transfers page takes the same number of queries for one link and for many.

Every link joins two published measures of two regions, with what changed and
its outcome, and each test checks that the page shows them, so a template that
reached a relation `Lineage.objects.for_display()` did not prepare would add
queries per link and fail here. (The list and detail pages, with their new
facets, indicators and lineage, are pinned in tests/catalogue/test_query_counts_of_public_pages.py.)
"""

import pytest

from measures.models import RegionTranslation
from tests.factories import LineageFactory, MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

SIZES = [1, 20]


@pytest.fixture
def build_transfers():
    def build(size):
        regions = [
            RegionFactory(name=f"Region {n}", slug=f"region-{n}", country="FI") for n in range(4)
        ]
        for region in regions:
            RegionTranslation.objects.create(region=region, language="de", name=f"{region.name} DE")
        links = []
        for n in range(size):
            links.append(
                LineageFactory(
                    measure=MeasureFactory(title=f"Adapted {n:02d}", region=regions[n % 2]),
                    origin=MeasureFactory(title=f"Origin {n:02d}", region=regions[2 + n % 2]),
                    changes=f"Changed {n:02d}",
                    outcome=f"Outcome {n:02d}",
                )
            )
        LineageFactory(
            measure=MeasureFactory(title="Adapted from outside", region=regions[0]),
            origin=None,
            origin_name="Outside practice",
        )
        return links

    return build


@pytest.mark.parametrize("size", SIZES)
def test_transfers_page_queries(client, django_assert_num_queries, build_transfers, size):
    build_transfers(size)

    # 1 the public links, with both measures and their regions
    # 2 the public explorations counted per region (solutions taken up)
    with django_assert_num_queries(2):
        response = client.get("/en/transfers/")

    html = response.content.decode()
    last = size - 1
    for text in [f"Adapted {last:02d}", f"Origin {last:02d}", f"Changed {last:02d}"]:
        assert text in html
    assert f"Outcome {last:02d}" in html
    assert "Outside practice" in html
    assert "Region 2" in html


@pytest.mark.parametrize("size", SIZES)
def test_german_transfers_page_queries(client, django_assert_num_queries, build_transfers, size):
    build_transfers(size)

    # 1 the public links, with both measures and their regions
    # 2-5 the German texts of the measures, of their regions, of the origins and of
    #     the origins' regions
    # 6 the public explorations counted per region (solutions taken up)
    with django_assert_num_queries(6):
        response = client.get("/de/transfers/")

    html = response.content.decode()
    assert "Region 0 DE" in html
    assert "Region 2 DE" in html
    assert f"Adapted {size - 1:02d}" in html


def test_the_second_anonymous_visit_is_served_from_the_page_cache(
    client, django_assert_num_queries, build_transfers
):
    build_transfers(3)
    first = client.get("/en/transfers/")

    with django_assert_num_queries(0):
        second = client.get("/en/transfers/")

    assert second.content == first.content
    assert second["X-Page-Cache"] == "hit"
