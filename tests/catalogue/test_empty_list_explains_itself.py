"""A list that shows nothing says why: the filters that leave out the most, or the words."""

from urllib.parse import parse_qs

import pytest

from tests.factories import CategoryFactory, MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


@pytest.fixture
def catalogue():
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")
    tulln = RegionFactory(name="Lower Austria", slug="lower-austria", nuts_code="AT12")
    care = CategoryFactory(name="Home care", slug="home-care")
    work = CategoryFactory(name="Remote work", slug="remote-work")
    for n in range(3):
        MeasureFactory(title=f"Remote care unit {n}", region=lahti, categories=[care])
    MeasureFactory(title="Coworking hub", region=tulln, categories=[work], start_year=2015)
    MeasureFactory(title="Care robots", region=tulln, categories=[care], start_year=2015)


def test_each_filter_that_leaves_measures_out_is_offered_with_the_count_without_it(
    client, catalogue
):
    response = client.get(URL, {"region": "paijat-hame", "theme": "remote-work"})

    assert response.context["paginator"].count == 0
    widening = response.context["widening"]
    assert [(entry["label"], entry["text"], entry["count"]) for entry in widening] == [
        ("Theme", "Remote work", 3),
        ("Region", "Päijät-Häme", 1),
    ]
    assert parse_qs(widening[0]["query"]) == {"region": ["paijat-hame"]}
    html = response.content.decode()
    assert "These filters leave out the most measures" in html
    assert 'href="?region=paijat-hame">without Theme: Remote work</a>' in html
    assert "3 measures" in html


def test_a_filter_whose_removal_still_finds_nothing_is_not_offered(client, catalogue):
    response = client.get(URL, {"region": "paijat-hame", "theme": "remote-work", "year_to": 2016})

    labels = [entry["label"] for entry in response.context["widening"]]
    assert labels == ["Region"]
    assert response.context["widening"][0]["count"] == 1


def test_the_search_words_count_as_a_filter(client, catalogue):
    response = client.get(URL, {"q": "coworking", "region": "paijat-hame"})

    assert [(entry["label"], entry["count"]) for entry in response.context["widening"]] == [
        ("Search", 3),
        ("Region", 1),
    ]
    assert parse_qs(response.context["widening"][0]["query"]) == {"region": ["paijat-hame"]}


def test_words_that_find_nothing_anywhere_are_the_problem_not_the_filters(client, catalogue):
    response = client.get(URL, {"q": "zeppelin", "region": "paijat-hame"})

    assert response.context["words_find_nothing"] is True
    assert response.context["widening"] == []
    html = response.content.decode()
    assert "No measure contains the words <strong>zeppelin</strong>" in html
    assert "These filters leave out the most measures" not in html


def test_a_search_alone_that_finds_nothing_speaks_of_the_words(client, catalogue):
    response = client.get(URL, {"q": "zeppelin"})

    assert response.context["words_find_nothing"] is True
    assert "Check the spelling" in response.content.decode()


def test_the_explanation_is_counted_from_the_bitmaps_without_a_query(
    client, catalogue, django_assert_num_queries
):
    client.get(URL)  # the taxonomy and the bitmaps, into the cache

    # the counts of the facets and of the list (none), then the count without each filter
    with django_assert_num_queries(0):
        response = client.get(
            URL, {"region": "paijat-hame", "theme": "remote-work", "year_to": 2016}
        )

    assert [entry["count"] for entry in response.context["widening"]] == [1]


def test_the_explanation_reads_the_ids_the_words_find_once(
    client, catalogue, django_assert_num_queries
):
    client.get(URL)  # the taxonomy and the bitmaps, into the cache

    # 1 the ids of the measures the words find, for the counts and each count without a filter
    # 2 the catalogue's words, into the cache: an empty list with words looks for a correction
    with django_assert_num_queries(2):
        response = client.get(URL, {"q": "coworking", "region": "paijat-hame", "year_to": 2016})

    # Without the words or the year no measure of Päijät-Häme started before 2016 either.
    assert [(entry["label"], entry["count"]) for entry in response.context["widening"]] == [
        ("Region", 1)
    ]
