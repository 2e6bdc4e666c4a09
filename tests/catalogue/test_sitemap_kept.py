"""The sitemaps are kept finished in the shared cache, per content version, and made cheaply.

The page cache is off here: it keeps small sitemaps too, but not a page of
10,000 addresses (over N2M_PAGE_CACHE_MAX_BYTES), which is what this is about.
"""

import gzip

import pytest
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.test import override_settings

from measures.catalogue.sitemaps import MeasureSitemap
from measures.models import Measure
from tests.factories import MeasureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

LANGUAGES = len(settings.LANGUAGES)


@pytest.fixture
def no_page_cache():
    with override_settings(N2M_PAGE_CACHE_TIMEOUT=0):
        yield


@pytest.mark.parametrize("url", ["/sitemap-measures.xml", "/sitemap.xml"])
def test_a_repeated_sitemap_reads_no_database(
    client, published_measure, url, django_assert_num_queries
):
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/xml"
    assert (first["X-Download-Cache"], second["X-Download-Cache"]) == ("miss", "hit")


def test_a_new_measure_is_in_the_next_sitemap(client, published_measure):
    client.get("/sitemap-measures.xml")

    MeasureFactory(title="Village e-service points", slug="village-e-service-points")

    assert (
        "/en/measures/village-e-service-points/"
        in client.get("/sitemap-measures.xml").content.decode()
    )


def test_a_gzip_client_gets_the_kept_sitemap_compressed(client, published_measure):
    plain = client.get("/sitemap-measures.xml").content
    compressed = client.get("/sitemap-measures.xml", HTTP_ACCEPT_ENCODING="gzip")

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain


def test_each_measures_address_is_made_once_per_language(published_measure, monkeypatch, rf):
    MeasureFactory()
    made = []
    address = Measure.get_absolute_url
    monkeypatch.setattr(
        Measure, "get_absolute_url", lambda self: made.append(self) or address(self)
    )

    urls = MeasureSitemap().get_urls(page=1, site=RequestSite(rf.get("/")), protocol="https")

    # Without remembering them: once for the entry and once per language plus
    # x-default for its alternates, for each of its language versions.
    assert len(urls) == 2 * LANGUAGES
    assert len(made) == 2 * LANGUAGES
    assert all(len(url["alternates"]) == LANGUAGES + 1 for url in urls)


@pytest.mark.parametrize(
    ("url", "again"),
    [
        ("/sitemap-measures.xml", "/sitemap-measures.xml?utm_source=x&junk=1"),
        ("/sitemap-measures.xml?p=1", "/sitemap-measures.xml?p=1&junk=2"),
        ("/sitemap.xml", "/sitemap.xml?junk=3"),
    ],
)
def test_junk_in_the_query_string_does_not_make_the_sitemap_again(
    client, published_measure, url, again, django_assert_num_queries
):
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(again)

    assert second.content == first.content


def test_another_page_of_the_sitemap_is_made_anew(client, published_measure):
    client.get("/sitemap-measures.xml")

    assert client.get("/sitemap-measures.xml?p=2").status_code == 404


@pytest.mark.parametrize(
    "spelling",
    ["?p=1", "?p=01", "?p=001", "?p=%2B1", "?p=%201", "?p=1&p=1", "?p=x&p=1"],
)
def test_every_spelling_of_the_first_page_finds_the_kept_sitemap(
    client, published_measure, spelling, django_assert_num_queries
):
    first = client.get("/sitemap-measures.xml")

    with django_assert_num_queries(0):
        again = client.get(f"/sitemap-measures.xml{spelling}")

    assert again.status_code == 200
    assert again["X-Download-Cache"] == "hit"
    assert again.content == first.content


@pytest.mark.parametrize("page", ["x", "1.0", "", "0"])
def test_a_page_number_that_is_no_page_is_not_found(client, published_measure, page):
    assert client.get(f"/sitemap-measures.xml?p={page}").status_code == 404
