"""sitemap.xml lists every public page, and robots.txt points crawlers to it."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from measures.catalogue.sitemaps import MeasureSitemap
from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def locations(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def every_listed_page(client):
    pages = []
    for section in locations(client.get("/sitemap.xml")):
        pages += locations(client.get(section.removeprefix("http://testserver")))
    return pages


def test_robots_txt_names_the_sitemap_by_its_absolute_address(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_robots_txt_names_the_sitemap_at_site_url_whatever_the_host(
    client, public_site, foreign_host
):
    response = client.get("/robots.txt", HTTP_HOST=foreign_host)

    text = response.content.decode()
    assert f"Sitemap: {public_site}/sitemap.xml" in text.splitlines()
    assert "localhost" not in text


def test_sitemap_addresses_start_with_site_url_whatever_the_host(
    client, public_site, foreign_host, published_measure
):
    index = client.get("/sitemap.xml", HTTP_HOST=foreign_host)
    section = client.get("/sitemap-measures.xml", HTTP_HOST=foreign_host)

    assert locations(index) == [
        f"{public_site}/sitemap-{name}.xml"
        for name in ("pages", "measures", "regions", "themes", "partners")
    ]
    assert f"{public_site}/en/measures/{published_measure.slug}/" in locations(section)
    alternates = [link.get("href") for link in ET.fromstring(section.content).iter(f"{XHTML}link")]
    assert f"{public_site}/measures/{published_measure.slug}/" in alternates
    assert all(href.startswith(f"{public_site}/") for href in alternates)
    for response in (index, section):
        assert "localhost" not in response.content.decode()


def test_sitemap_is_an_index_of_one_section_per_kind_of_page(client):
    assert locations(client.get("/sitemap.xml")) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-measures.xml",
        "http://testserver/sitemap-regions.xml",
        "http://testserver/sitemap-themes.xml",
        "http://testserver/sitemap-partners.xml",
    ]


def test_sitemap_lists_every_public_page_in_every_language(
    client, published_measure, region, theme
):
    other = MeasureFactory(title="Coworking hub", categories=[theme])
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    former = PartnerFactory(name="Former partner", slug="former", is_active=False)

    pages = every_listed_page(client)

    paths = [
        "",
        "measures/",
        "regions/",
        "themes/",
        "partners/",
        "transfers/",
        "statistics/",
        f"measures/{published_measure.slug}/",
        f"measures/{other.slug}/",
        "regions/paijat-hame/",
        f"regions/{other.region.slug}/",
        "themes/e-health-care/",
        f"themes/{skills.slug}/",
        f"partners/{region.partner.slug}/",
        f"partners/{other.partner.slug}/",
        f"partners/{former.slug}/",
    ]
    assert sorted(pages) == sorted(
        f"http://testserver/{language}/{path}" for path in paths for language in LANGUAGES
    )


def test_sitemap_entry_names_its_other_languages(client, published_measure):
    root = ET.fromstring(client.get("/sitemap-measures.xml").content)

    entry = root.find(f"{SITEMAP}url")
    assert entry.find(f"{SITEMAP}loc").text == (
        f"http://testserver/en/measures/{published_measure.slug}/"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.iter(f"{XHTML}link")}
    assert alternates == {
        **{
            language: f"http://testserver/{language}/measures/{published_measure.slug}/"
            for language in LANGUAGES
        },
        "x-default": f"http://testserver/measures/{published_measure.slug}/",
    }


def test_long_section_is_split_into_pages_that_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(MeasureSitemap, "limit", 7)
    measures = MeasureFactory.create_batch(3)

    sections = locations(client.get("/sitemap.xml"))

    assert "http://testserver/sitemap-measures.xml?p=2" in sections
    listed = [page for page in every_listed_page(client) if "/measures/" in page]
    assert len(listed) == len(set(listed)) == 3 * len(LANGUAGES) + len(LANGUAGES)
    for measure in measures:
        for language in LANGUAGES:
            assert f"http://testserver/{language}/measures/{measure.slug}/" in listed


def test_every_page_in_the_sitemap_answers(client, published_measure):
    for page in every_listed_page(client):
        assert client.get(page.removeprefix("http://testserver")).status_code == 200, page


def test_measure_entries_say_when_they_last_changed(client, published_measure):
    root = ET.fromstring(client.get("/sitemap-measures.xml").content)

    dates = {lastmod.text for lastmod in root.iter(f"{SITEMAP}lastmod")}
    assert dates == {timezone.localdate(published_measure.updated_at).isoformat()}
