"""schema.org descriptions for search engines and harvesters: a measure names its licence, its
region's NUTS code, its partner as provider and the measures it is based on; the list, theme,
region and partner pages describe themselves as ItemList, Place and Organization."""

import json
import re

import pytest

from tests.factories import LineageFactory, MeasureFactory

pytestmark = pytest.mark.django_db

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def json_ld(client, url):
    html = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def test_a_measure_names_licence_nuts_code_provider_and_origins(client, published_measure, region):
    origin = MeasureFactory(title="Tele-nursing in Lapland", slug="tele-nursing")
    LineageFactory(measure=published_measure, origin=origin)
    LineageFactory(
        measure=published_measure,
        origin=None,
        origin_name="Video visits of Odense",
        origin_place="Odense, Denmark",
        origin_url="https://example.org/odense",
    )

    data = json_ld(client, f"/en/measures/{published_measure.slug}/")

    assert data["license"] == CC_BY
    assert data["spatialCoverage"]["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "NUTS",
        "value": "FI1C3",
    }
    assert data["spatialCoverage"]["sameAs"] == "http://data.europa.eu/nuts/code/FI1C3"
    assert data["provider"] == {
        "@type": "Organization",
        "name": published_measure.partner.name,
        "url": f"http://testserver/en/partners/{published_measure.partner.slug}/",
    }
    assert data["isBasedOn"] == [
        {
            "@type": "CreativeWork",
            "name": "Tele-nursing in Lapland",
            "url": "http://testserver/en/measures/tele-nursing/",
        },
        {
            "@type": "CreativeWork",
            "name": "Video visits of Odense",
            "url": "https://example.org/odense",
            "spatialCoverage": {"@type": "Place", "name": "Odense, Denmark"},
        },
    ]


def test_a_measure_without_origins_claims_none(client, published_measure):
    assert "isBasedOn" not in json_ld(client, f"/en/measures/{published_measure.slug}/")


def test_the_list_is_an_item_list_of_its_page(client, published_measure, region):
    second = MeasureFactory(title="Second measure", region=region)

    data = json_ld(client, "/en/measures/?region=paijat-hame")

    assert data["@type"] == "ItemList"
    assert data["url"] == "http://testserver/en/measures/?region=paijat-hame"
    assert data["numberOfItems"] == 2
    assert [item["position"] for item in data["itemListElement"]] == [1, 2]
    assert {item["url"] for item in data["itemListElement"]} == {
        "http://testserver/en/measures/remote-home-care-unit/",
        f"http://testserver/en/measures/{second.slug}/",
    }


def test_a_theme_page_is_an_item_list_of_its_measures(client, published_measure, theme):
    data = json_ld(client, f"/en/themes/{theme.slug}/")

    assert data["@type"] == "ItemList"
    assert data["name"] == "E-health and home care"
    assert [item["name"] for item in data["itemListElement"]] == ["Remote home care unit"]


def test_a_region_page_is_a_place_with_its_nuts_code(client, published_measure, region):
    data = json_ld(client, f"/en/regions/{region.slug}/")

    assert data["@type"] == "Place"
    assert data["name"] == "Päijät-Häme"
    assert data["identifier"]["value"] == "FI1C3"
    assert data["containedInPlace"] == {"@type": "Country", "name": "Finland"}
    assert [work["name"] for work in data["subjectOf"]] == ["Remote home care unit"]


def test_a_partner_page_is_an_organization(client, published_measure):
    partner = published_measure.partner

    data = json_ld(client, f"/en/partners/{partner.slug}/")

    assert data["@type"] == "Organization"
    assert data["name"] == partner.name
    assert data["address"]["addressLocality"] == "Lahti"
