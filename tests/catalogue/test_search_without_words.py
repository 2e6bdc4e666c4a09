"""Search words with nothing to search in them (no letter or digit) are no search.

"q=💩", "q=!!!" or "q=-" used to show the chip "Search: 💩" and a canonical
address with q over a list of every measure, in the API and the feed too. Now
the page says the search was left out, and nothing names those words as a search.
"""

import json
from urllib.parse import quote

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

NOTHING_TO_SEARCH = ["💩", "!!!", "-", '""', "or", "%_\\"]


@pytest.fixture
def measures(region, theme):
    return [
        MeasureFactory(title="Remote home care unit", region=region, categories=[theme]),
        MeasureFactory(title="Village e-service points", region=region, categories=[theme]),
    ]


@pytest.mark.parametrize("words", NOTHING_TO_SEARCH)
def test_the_list_says_a_search_without_words_was_left_out(client, measures, words):
    response = client.get(f"/en/measures/?q={quote(words)}")

    assert response.status_code == 200
    assert response.context["active_filters"] == []
    assert [label for label, errors in response.context["invalid_filters"]] == ["Search"]
    assert "so the search was left out" in response.content.decode()
    assert response.context["paginator"].count == 2


@pytest.mark.parametrize("words", NOTHING_TO_SEARCH)
def test_the_canonical_address_of_a_search_without_words_has_no_search(client, measures, words):
    response = client.get(f"/en/measures/?q={quote(words)}")

    assert response.context["canonical_url"].endswith("/en/measures/")


def test_the_feed_of_a_search_without_words_is_not_named_after_them(client, measures):
    feed = client.get(f"/en/measures/feed/?q={quote('💩')}").content.decode()

    assert "💩" not in feed
    assert "Search:" not in feed


def test_the_api_refuses_a_search_without_words(client, measures):
    response = client.get("/api/measures/?q=!!!")

    assert response.status_code == 400
    assert "q" in json.loads(response.content)["errors"]


def test_words_with_letters_among_signs_are_still_searched(client, measures):
    response = client.get(f"/en/measures/?q={quote('village!!!')}")

    assert response.context["invalid_filters"] == []
    assert response.context["paginator"].count == 1
