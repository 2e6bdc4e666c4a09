"""The feed, the API and the downloads link to SITE_URL, whatever Host the request named."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
URL = re.compile(r"https?://[^\s\"'<>,]+")


def addresses_in(response):
    """Every absolute address in the answer's text (streamed or not)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return URL.findall(body.decode())


def all_at(public_site, addresses):
    return [address for address in addresses if not address.startswith(f"{public_site}/")]


def test_feed_links_start_with_site_url(client, public_site, foreign_host, published_measure):
    response = client.get("/en/measures/feed/?region=paijat-hame", HTTP_HOST=foreign_host)

    root = ET.fromstring(response.content)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert f"{public_site}/en/measures/?region=paijat-hame" in links
    assert f"{public_site}/en/measures/feed/?region=paijat-hame" in links
    assert f"{public_site}/en/measures/{published_measure.slug}/" in links
    ids = [node.text for node in root.iter(f"{ATOM}id")]
    assert all(address.startswith(f"{public_site}/") for address in ids)
    assert "localhost" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/measures/?page_size=1&page=2",
        "/api/measures/remote-home-care-unit/",
        "/api/regions/",
        "/api/regions/paijat-hame/",
        "/api/themes/",
        "/api/partners/",
    ],
)
def test_api_links_start_with_site_url(client, public_site, foreign_host, published_measure, path):
    MeasureFactory(title="Coworking hub", region=published_measure.region)
    MeasureFactory(title="Digital skills bus", region=published_measure.region)

    response = client.get(path, HTTP_HOST=foreign_host)

    assert response.status_code == 200
    addresses = addresses_in(response)
    assert addresses
    assert all_at(public_site, addresses) == []


def test_api_pages_link_to_each_other_at_site_url(
    client, public_site, foreign_host, published_measure
):
    MeasureFactory(title="Coworking hub")
    MeasureFactory(title="Digital skills bus")

    data = client.get("/api/measures/?page_size=1&page=2", HTTP_HOST=foreign_host).json()

    assert data["next"] == f"{public_site}/api/measures/?page_size=1&page=3"
    assert data["previous"] == f"{public_site}/api/measures/?page_size=1"


@pytest.mark.parametrize("path", ["/en/measures/export.json", "/en/measures/export.csv"])
def test_downloads_link_to_site_url(
    client, public_site, foreign_host, published_measure, path, settings
):
    response = client.get(f"{path}?region=paijat-hame", HTTP_HOST=foreign_host)

    addresses = addresses_in(response)
    assert f"{public_site}/en/measures/{published_measure.slug}/" in addresses
    # Every address is the site's, at SITE_URL, but the licence's own.
    licence = settings.CONTENT_LICENSE["url"]
    assert all_at(public_site, [a for a in addresses if a != licence]) == []


def test_json_download_names_its_list_at_site_url(
    client, public_site, foreign_host, published_measure
):
    response = client.get("/en/measures/export.json?region=paijat-hame", HTTP_HOST=foreign_host)

    data = json.loads(b"".join(response.streaming_content))
    assert data["list_url"] == f"{public_site}/en/measures/?region=paijat-hame"
