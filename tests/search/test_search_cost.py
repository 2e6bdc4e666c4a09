"""What a search costs, counted in queries and in measures or words compared, not in seconds.

The counts do not grow with the catalogue: ranking scores at most RANK_CANDIDATES
measures, a correction compares at most MAX_CORRECTED_WORDS words with the
vocabulary, and a query of ten unknown words does the work of one of three.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Measure
from measures.search import query as search_query
from measures.search import vocabulary
from measures.search.query import MAX_CORRECTED_WORDS, suggest
from tests.conftest import read_list_bitmaps_into_cache, read_taxonomy_into_cache
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"
UNKNOWN = [f"qzxv{n}kk" for n in range(10)]


@pytest.fixture
def catalogue():
    for n in range(6):
        MeasureFactory(title=f"Coworking hub {n}", summary="Desks near home for commuters.")
    read_taxonomy_into_cache()
    read_list_bitmaps_into_cache()


def queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    return len(captured), response


@pytest.fixture
def scored(monkeypatch):
    """The search texts the ranking scored, in a list."""
    texts = []
    score = search_query.score

    def counting(text, words):
        texts.append(text)
        return score(text, words)

    monkeypatch.setattr(search_query, "score", counting)
    return texts


def test_ranking_scores_at_most_the_candidates_whatever_the_matches(
    client, catalogue, scored, monkeypatch
):
    monkeypatch.setattr(search_query, "RANK_CANDIDATES", 4)

    response = client.get(URL, {"q": "coworking hub"})

    assert response.context["paginator"].count == 6
    assert len(scored) == 4


def test_ranking_costs_one_query_for_the_candidates(client, catalogue, scored):
    by_title, _ = queries(client, {"q": "coworking", "sort": "title"})
    by_relevance, response = queries(client, {"q": "coworking"})

    assert by_relevance == by_title + 1
    assert len(response.context["measures"]) == 6


def test_a_correction_costs_the_vocabulary_once_and_one_more_count(client, catalogue):
    cache.clear()
    read_taxonomy_into_cache()
    read_list_bitmaps_into_cache()
    ordinary, _ = queries(client, {"q": "coworking"})
    corrected, response = queries(client, {"q": "cowroking"})
    # (another address: the page of the first is in the page cache now)
    again, _ = queries(client, {"q": "coworkign"})

    assert response.context["suggestion"] == "coworking"
    # the first: what the words find, its candidates' texts and its page
    assert ordinary == 3
    # what the misspelled words find (nothing) and the vocabulary (once per content
    # version), then the corrected search's page: what those words find and their
    # candidates' scores are kept since the first request searched them
    assert corrected == 3
    assert again == 2


@pytest.fixture
def compared(monkeypatch):
    """The words whose trigrams a suggestion computed: the word itself and each candidate."""
    words = []
    trigrams = vocabulary.trigrams

    def counting(word):
        words.append(word)
        return trigrams(word)

    monkeypatch.setattr(vocabulary, "trigrams", counting)
    return words


def test_ten_unknown_words_compare_as_many_words_as_three(catalogue, compared):
    published = Measure.objects.published()
    suggest("cowroking", published)  # the vocabulary, into the cache
    compared.clear()

    suggest(" ".join(["cowroking", "nurces", "comuters"]), published)
    three = len(compared)
    compared.clear()
    suggest(" ".join(["cowroking", "nurces", "comuters", *UNKNOWN]), published)

    assert MAX_CORRECTED_WORDS == 3
    assert len(compared) == three
