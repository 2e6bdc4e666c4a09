"""Suggestions ("did you mean"): what they offer, at a cost bounded at any query and size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Measure
from measures.search import vocabulary
from measures.search.query import suggest
from measures.search.vocabulary import Vocabulary, similarity
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"
UNKNOWN = [f"qzxv{n}kk" for n in range(10)]


@pytest.fixture
def catalogue():
    MeasureFactory(title="Coworking hubs in market towns", summary="Desks near home.")
    MeasureFactory(title="Remote home care unit", summary="Nurses visit older people by video.")


def published():
    return Measure.objects.published()


def queries_of_a_search(client, query):
    """The SQL queries of a list page that finds nothing, from an empty cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": query})
    assert response.context["paginator"].count == 0
    return len(queries)


def test_a_misspelled_word_gets_the_known_word_suggested(client, catalogue):
    response = client.get(URL, {"q": "cowroking"})

    assert response.context["suggestion"] == "coworking"
    assert "q=coworking" in response.content.decode()


def test_ten_unknown_words_cost_no_more_queries_than_one(client, catalogue):
    one = queries_of_a_search(client, UNKNOWN[0])
    ten = queries_of_a_search(client, " ".join(UNKNOWN))

    assert ten == one


def test_the_words_are_read_once_per_content_version(catalogue):
    with CaptureQueriesContext(connection) as first:
        assert suggest("cowroking", published()) == "coworking"
    with CaptureQueriesContext(connection) as second:
        assert suggest("nurces " + " ".join(UNKNOWN), published()).startswith("nurses ")

    MeasureFactory(title="Telemedicine kiosks")
    with CaptureQueriesContext(connection) as after_a_change:
        assert suggest("telemedecine", published()) == "telemedicine"

    assert (len(first), len(second), len(after_a_change)) == (1, 0, 1)


def test_the_words_come_from_a_bounded_number_of_the_newest_measures(catalogue, monkeypatch):
    monkeypatch.setattr(vocabulary, "VOCABULARY_MEASURES", 1)
    MeasureFactory(title="Telemedicine kiosks")

    assert suggest("telemedecine", published()) == "telemedicine"
    assert suggest("cowroking", published()) is None


def test_only_the_first_three_unknown_words_are_corrected(catalogue):
    query = "cowroking nurces remot vidoe towsn"

    assert suggest(query, published()) == "coworking nurses remote vidoe towsn"


def test_known_and_short_words_do_not_count_among_the_three(catalogue):
    query = "home of cowroking care nurces remot vidoe"

    assert suggest(query, published()) == "home of coworking care nurses remote vidoe"


def test_a_word_longer_than_thirty_letters_is_left_alone(catalogue):
    long_word = "coworking" * 4

    assert suggest(f"{long_word} nurces", published()) == f"{long_word} nurses"


def test_unpublished_measures_lend_no_words(catalogue):
    MeasureFactory(title="Zeppelin post", status=Measure.Status.DRAFT, published_at=None)

    assert suggest("zepelin", published()) is None


def test_the_closest_word_wins_and_ties_go_to_the_first_in_alphabetical_order():
    words = Vocabulary.of(["care", "cart", "card", "coworking"])

    assert words.closest("carr", 0.3) == "card"
    assert words.closest("cowroking", 0.3) == "coworking"
    assert words.closest("qzxv", 0.3) is None


def test_the_vocabulary_reads_back_from_the_cache_as_it_was_built():
    built = Vocabulary.of(["care", "coworking", "nurses"])
    read = Vocabulary.from_cache(built.for_cache())

    assert read.words == built.words
    assert read.closest("cowroking", 0.3) == "coworking"
    assert "nurses" in read


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with pg_trgm")
def test_similarity_is_pg_trgms():
    pairs = [
        ("cowroking", "coworking"),
        ("carr", "care"),
        ("aaaaaaaa", "aaa"),
        ("päijät", "paijat"),
        ("telemedecine", "telemedicine"),
        ("abc", "xyz"),
    ]
    with connection.cursor() as cursor:
        for one, other in pairs:
            cursor.execute("SELECT similarity(%s, %s)", [one, other])
            assert similarity(one, other) == pytest.approx(cursor.fetchone()[0], abs=1e-6)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("cowroking", "coworking"), ("Cowroking", "Coworking"), ("COWROKING", "COWORKING")],
)
def test_a_suggestion_keeps_the_capitals_the_visitor_typed(catalogue, typed, suggested):
    assert suggest(f"{typed} hubs", published()) == f"{suggested} hubs"
