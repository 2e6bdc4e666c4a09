"""Misspelled words are corrected alike on the list page, in the API, in the feed and in alerts.

Where the list shows "Showing results for broadband; search instead for brodband",
the API answers for broadband and says so, the feed of the search lists the
measures of broadband and names it, and an alert stores the search for broadband.
With exact=1 the words stay as typed everywhere.
"""

from xml.etree import ElementTree

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import AlertSubscription
from tests.catalogues import days_ago
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def catalogue():
    MeasureFactory(title="Broadband vouchers", published_at=days_ago(10))
    MeasureFactory(title="Rural broadband officers", published_at=days_ago(1))
    MeasureFactory(title="Village nurses", published_at=days_ago(5))


def test_the_api_searches_the_corrected_words_and_names_both(client, catalogue):
    answer = client.get("/api/measures/", {"q": "brodband"}).json()

    assert answer["count"] == 2
    assert {measure["title"] for measure in answer["results"]} == {
        "Broadband vouchers",
        "Rural broadband officers",
    }
    assert answer["search"] == {"query": "broadband", "typed": "brodband", "corrected": True}


def test_the_api_pages_of_a_correction_link_to_the_corrected_words(client, catalogue):
    answer = client.get("/api/measures/", {"q": "brodband", "page_size": 1}).json()

    assert answer["next"] == "http://testserver/api/measures/?q=broadband&page_size=1&page=2"


def test_the_api_searches_the_words_as_typed_with_exact(client, catalogue):
    answer = client.get("/api/measures/", {"q": "brodband", "exact": "1"}).json()

    assert answer["count"] == 0
    assert answer["search"] == {"query": "brodband", "typed": "brodband", "corrected": False}


def test_the_api_says_nothing_of_a_search_without_words(client, catalogue):
    assert client.get("/api/measures/").json()["search"] is None


def feed(client, params):
    root = ElementTree.fromstring(client.get("/en/measures/feed/", params).content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    return root, titles


def test_the_feed_of_a_misspelled_search_lists_and_names_the_corrected_words(client, catalogue):
    root, titles = feed(client, {"q": "brodband"})

    assert titles == ["Rural broadband officers", "Broadband vouchers"]
    assert root.findtext(f"{ATOM}title") == "Next2Met: new measures – Search: broadband"
    assert root.findtext(f"{ATOM}subtitle").startswith(
        "Showing results for broadband; no measure has brodband."
    )
    alternate = root.find(f"{ATOM}link[@rel='alternate']")
    assert alternate.get("href") == "http://testserver/en/measures/?q=broadband"


def test_the_feed_with_exact_keeps_the_words_as_typed(client, catalogue):
    root, titles = feed(client, {"q": "brodband", "exact": "1"})

    assert titles == []
    assert root.findtext(f"{ATOM}title") == "Next2Met: new measures – Search: brodband"


def test_an_alert_for_a_misspelled_search_watches_the_corrected_words(client, catalogue):
    page = client.get("/en/alerts/subscribe/?q=brodband").content.decode()
    assert "Search: broadband" in page

    client.post(
        "/en/alerts/subscribe/",
        {"email": "ana@example.org", "frequency": "daily", "query": "q=brodband", "website": ""},
    )

    assert AlertSubscription.objects.get().query == "q=broadband"
    assert len(mail.outbox) == 1


def test_an_alert_with_exact_keeps_the_words_as_typed(client, catalogue):
    client.post(
        "/en/alerts/subscribe/",
        {
            "email": "ana@example.org",
            "frequency": "daily",
            "query": "q=brodband&exact=1",
            "website": "",
        },
    )

    assert AlertSubscription.objects.get().query == "q=brodband&exact=1"


@pytest.mark.parametrize("address", ["/api/measures/", "/en/measures/feed/"])
def test_words_that_find_something_cost_no_query_for_a_correction(client, catalogue, address):
    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address, params).status_code == 200
        return len(captured)

    queries({"q": "nurses"})  # the caches the first request fills

    assert queries({"q": "broadband"}) == queries({"q": "broadband", "exact": "1"})
