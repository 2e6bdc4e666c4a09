"""What each public page tells search engines and link previews: canonical address,
description, Open Graph fields and, on a measure's page, schema.org JSON-LD."""

import json
import re
from html import unescape

import pytest

from tests.factories import MeasureFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

OPEN_GRAPH = ["og:site_name", "og:type", "og:title", "og:description", "og:url"]


def head_of(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[: html.index("</head>")]


def canonical(response):
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', head_of(response))
    assert len(found) == 1
    return unescape(found[0])


def meta(response, attribute, name):
    found = re.findall(rf'<meta {attribute}="{name}" content="([^"]*)">', head_of(response))
    assert len(found) == 1, f"{name}: {found}"
    return unescape(found[0])


def json_ld(response):
    html = response.content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def public_pages(published_measure, region, theme):
    """Every kind of public page, by its literal address."""
    return [
        "/en/",
        "/en/measures/",
        f"/en/measures/{published_measure.slug}/",
        "/en/regions/",
        "/en/regions/paijat-hame/",
        "/en/themes/",
        "/en/themes/e-health-care/",
        "/en/partners/",
        f"/en/partners/{published_measure.partner.slug}/",
    ]


def test_every_public_page_has_canonical_description_and_open_graph(client, public_pages):
    for url in public_pages:
        response = client.get(url)
        assert canonical(response) == f"http://testserver{url}", url
        assert meta(response, "name", "description"), url
        for name in OPEN_GRAPH:
            assert meta(response, "property", name), (url, name)
        assert meta(response, "property", "og:url") == canonical(response)


def test_measure_page_previews_as_an_article_with_title_and_summary(client, published_measure):
    response = client.get(f"/en/measures/{published_measure.slug}/")

    assert meta(response, "property", "og:type") == "article"
    assert meta(response, "property", "og:title") == "Remote home care unit"
    assert meta(response, "property", "og:description") == published_measure.summary
    assert meta(response, "name", "description") == published_measure.summary


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/measures/?page=1", "/en/measures/"),
        ("/en/measures/?page=2", "/en/measures/?page=2"),
        ("/en/measures/?utm_source=newsletter&fbclid=abc", "/en/measures/"),
        ("/en/measures/?region=atlantis", "/en/measures/"),
        ("/en/measures/?sort=newest", "/en/measures/"),
        ("/en/measures/?q=care&sort=relevance", "/en/measures/?q=care"),
        ("/en/measures/?sort=title", "/en/measures/?sort=title"),
        (
            "/en/measures/?theme=digital-skills&region=paijat-hame&region=lower-austria&page=1",
            "/en/measures/?region=lower-austria&region=paijat-hame&theme=digital-skills",
        ),
        (
            "/en/measures/?year_to=2020&country=FI&target=older-people&q=+care+",
            "/en/measures/?q=care&country=FI&target=older-people&year_to=2020",
        ),
    ],
)
def test_list_canonical_keeps_only_the_filters_that_change_the_list(
    client, listed_catalogue, url, expected
):
    assert canonical(client.get(url)) == f"http://testserver{expected}"


def test_measure_page_describes_the_measure_in_json_ld(client, published_measure):
    published_measure.target_groups.set([TargetGroupFactory(name="Older people")])

    data = json_ld(client.get(f"/en/measures/{published_measure.slug}/"))

    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Remote home care unit"
    assert data["description"] == published_measure.summary
    assert data["url"] == f"http://testserver/en/measures/{published_measure.slug}/"
    assert data["spatialCoverage"]["name"] == "Päijät-Häme"
    assert data["creator"]["name"] == published_measure.partner.name
    assert [theme["name"] for theme in data["about"]] == ["E-health and home care"]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Older people"}]


@pytest.mark.parametrize(
    "title",
    [
        "</script><script>alert(1)</script>",
        "Quotes \" and ' & ampersands <!-- comment",
        "</SCRIPT ><script>alert(1)</script>",
    ],
)
def test_json_ld_stays_valid_and_closed_whatever_the_title(client, title):
    measure = MeasureFactory(title=title, summary="</script> in the summary too")

    response = client.get(f"/en/measures/{measure.slug}/")

    data = json_ld(response)
    assert data["name"] == title
    assert data["description"] == "</script> in the summary too"
    assert "<script>alert(1)" not in response.content.decode()


def test_canonical_and_structured_data_links_start_with_site_url_whatever_the_host(
    client, public_site, foreign_host, public_pages, published_measure
):
    for url in public_pages:
        response = client.get(url, HTTP_HOST=foreign_host)
        assert canonical(response).startswith(f"{public_site}/"), url
        assert meta(response, "property", "og:url").startswith(f"{public_site}/"), url

    response = client.get(f"/en/measures/{published_measure.slug}/", HTTP_HOST=foreign_host)
    data = json_ld(response)
    assert data["url"] == f"{public_site}/en/measures/{published_measure.slug}/"
    assert data["isPartOf"]["url"] == f"{public_site}/en/"
    assert "localhost" not in head_of(response)
    list_page = client.get("/en/measures/?region=paijat-hame", HTTP_HOST=foreign_host)
    assert canonical(list_page) == f"{public_site}/en/measures/?region=paijat-hame"
