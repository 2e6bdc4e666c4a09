"""The "Add to dossier" buttons and the contact link leave the public pages cacheable."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import MeasureFactory
from tests.perf.conftest import LOCAL_MEMORY

pytestmark = pytest.mark.django_db

ADD_FORM = '<form method="post" action="/en/dossier/add/" class="dossier-add">'


@pytest.fixture(autouse=True)
def page_cache():
    """The page cache on, in local memory, empty at the start of each test."""
    with override_settings(CACHES=LOCAL_MEMORY, N2M_PAGE_CACHE_TIMEOUT=600):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def measure(witeno_region):
    return MeasureFactory(region=witeno_region, title="Village e-service points", slug="village")


@pytest.mark.parametrize("url", ["/en/measures/village/", "/en/measures/", "/en/"])
def test_pages_with_the_add_to_dossier_form_are_cached(client, measure, url):
    first = client.get(url)
    second = client.get(url)

    assert ADD_FORM in first.content.decode()
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"


def test_the_detail_page_links_to_the_contact_page_and_stays_cached(client, measure):
    client.get("/en/measures/village/")

    response = client.get("/en/measures/village/")

    assert response["X-Page-Cache"] == "hit"
    assert 'href="/en/measures/village/contact/"' in response.content.decode()


def test_a_visitor_with_a_dossier_still_gets_the_cached_pages(client, measure):
    client.post("/en/dossier/add/", {"slug": "village"})
    assert client.get("/en/dossier/").status_code == 200

    first = client.get("/en/measures/village/")
    second = client.get("/en/measures/village/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "sessionid" not in second.cookies


@pytest.mark.parametrize(
    "url", ["/en/dossier/", "/en/dossier/print/", "/en/measures/village/contact/"]
)
def test_the_per_visitor_pages_are_never_stored(client, measure, url):
    client.get(url)

    assert "X-Page-Cache" not in client.get(url)
