"""What the search words find is kept per content version, language and words.

A visitor who searches, then ticks a facet, turns a page or sorts otherwise,
searches no more (measures.catalogue.searched); a change of the catalogue, or
another language, searches again.
"""

import pytest

from tests.conftest import read_list_bitmaps_into_cache, read_taxonomy_into_cache
from tests.factories import MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


@pytest.fixture
def catalogue():
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame")
    tulln = RegionFactory(name="Lower Austria", slug="lower-austria")
    for n in range(3):
        MeasureFactory(title=f"Coworking hub {n}", region=lahti)
    MeasureFactory(title="Coworking village office", region=tulln)
    MeasureFactory(title="Care robots", region=tulln)
    read_taxonomy_into_cache()
    read_list_bitmaps_into_cache()
    return {"lahti": lahti}


def titles(response):
    return [measure.title for measure in response.context["measures"]]


def test_a_facet_ticked_after_a_search_searches_no_more(
    client, catalogue, django_assert_num_queries
):
    client.get(URL, {"q": "coworking", "sort": "title"})

    # 1 the measures of the page by id; the words' ids are kept, the rest is bitmaps
    with django_assert_num_queries(1):
        response = client.get(URL, {"q": "coworking", "sort": "title", "region": "paijat-hame"})

    assert titles(response) == ["Coworking hub 0", "Coworking hub 1", "Coworking hub 2"]


def test_the_order_of_relevance_is_kept_with_the_words(
    client, catalogue, django_assert_num_queries
):
    client.get(URL, {"q": "coworking village"})

    # 1 the measures of the page by id: the words' ids in the search's first order and
    #   the scores of the best matches, read and scored by the first search, are kept
    with django_assert_num_queries(1):
        response = client.get(URL, {"q": "coworking village", "region": "lower-austria"})

    assert titles(response) == ["Coworking village office"]


def test_a_best_match_not_scored_before_is_scored_once(
    client, catalogue, django_assert_num_queries
):
    client.get(URL, {"q": "coworking", "region": "lower-austria"})

    # 1 the texts of the best matches not scored before (those of Päijät-Häme), scored
    # 2 the measures of the page by id
    with django_assert_num_queries(2):
        response = client.get(URL, {"q": "coworking"})
    with django_assert_num_queries(1):
        client.get(URL, {"q": "coworking", "region": "paijat-hame"})

    assert len(titles(response)) == 4


def test_a_change_of_the_catalogue_searches_the_words_again(client, catalogue):
    client.get(URL, {"q": "coworking", "sort": "title"})

    MeasureFactory(title="Coworking barn", region=catalogue["lahti"])
    response = client.get(URL, {"q": "coworking", "sort": "title"})

    assert titles(response)[0] == "Coworking barn"
    assert response.context["paginator"].count == 5


def test_a_page_in_another_language_searches_again(client, catalogue, django_assert_num_queries):
    client.get(URL, {"q": "coworking", "sort": "title"})
    client.get("/de/measures/", {"q": "x"})  # the German taxonomy, into the cache

    # 1 the ids of the measures the words find, on a German page
    # 2 the measures of the page by id, 3-4 with their and their regions' German texts
    with django_assert_num_queries(4):
        response = client.get("/de/measures/", {"q": "coworking", "sort": "title"})

    assert response.context["paginator"].count == 4
