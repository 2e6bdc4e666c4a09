"""sitemap.xml lists every public page, and robots.txt points crawlers to it."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


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


def test_robots_txt_sitemap_follows_the_host_and_scheme(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost", secure=True)

    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode().splitlines()


def test_sitemap_is_an_index_of_one_section_per_kind_of_page(client):
    assert locations(client.get("/sitemap.xml")) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-measures.xml",
        "http://testserver/sitemap-regions.xml",
        "http://testserver/sitemap-themes.xml",
        "http://testserver/sitemap-partners.xml",
    ]


def test_sitemap_lists_every_public_page(client, published_measure, region, theme):
    other = MeasureFactory(title="Coworking hub", categories=[theme])
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    former = PartnerFactory(name="Former partner", slug="former", is_active=False)

    pages = every_listed_page(client)

    base = "http://testserver/en/"
    assert sorted(pages) == sorted(
        [
            base,
            f"{base}measures/",
            f"{base}regions/",
            f"{base}themes/",
            f"{base}partners/",
            f"{base}measures/{published_measure.slug}/",
            f"{base}measures/{other.slug}/",
            f"{base}regions/paijat-hame/",
            f"{base}regions/{other.region.slug}/",
            f"{base}themes/e-health-care/",
            f"{base}themes/{skills.slug}/",
            f"{base}partners/{region.partner.slug}/",
            f"{base}partners/{other.partner.slug}/",
            f"{base}partners/{former.slug}/",
        ]
    )


def test_every_page_in_the_sitemap_answers(client, published_measure):
    for page in every_listed_page(client):
        assert client.get(page.removeprefix("http://testserver")).status_code == 200, page


def test_measure_entries_say_when_they_last_changed(client, published_measure):
    root = ET.fromstring(client.get("/sitemap-measures.xml").content)

    [lastmod] = root.iter(f"{SITEMAP}lastmod")
    assert lastmod.text == published_measure.updated_at.date().isoformat()
