"""The JSON export of the measure list: every matching measure, in the list's order."""

import json

import pytest
from django.utils import timezone

from tests.catalogues import FILTER_QUERIES
from tests.factories import TargetGroupFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/export.json"


def exported(response):
    assert response.status_code == 200
    assert response.streaming
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_json_holds_what_the_list_page_shows_on_all_its_pages(
    client, catalogue, list_page_slugs, query
):
    data = exported(client.get(f"{URL}?{query}"))

    assert [row["slug"] for row in data["results"]] == list_page_slugs(query)


def test_json_names_the_list_it_was_exported_from(client, catalogue):
    data = exported(client.get(f"{URL}?region=paijat-hame&sort=title"))

    assert data["list_url"] == "http://testserver/en/measures/?region=paijat-hame&sort=title"


def test_json_is_an_attachment(client):
    response = client.get(URL)

    assert response["Content-Type"] == "application/json"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="next2met-measures-{today}.json"'
    )


def test_json_row_nests_region_partner_themes_and_target_groups(client, published_measure):
    published_measure.target_groups.set([TargetGroupFactory(name="Older people")])

    [row] = exported(client.get(URL))["results"]

    assert row["title"] == "Remote home care unit"
    assert row["url"] == f"http://testserver/en/measures/{published_measure.slug}/"
    assert row["region"]["name"] == "Päijät-Häme"
    assert row["region"]["country_name"] == "Finland"
    assert row["partner"]["slug"] == published_measure.partner.slug
    assert [theme["slug"] for theme in row["themes"]] == ["e-health-care"]
    assert [group["name"] for group in row["target_groups"]] == ["Older people"]


def test_json_rows_are_the_api_list_rows(client, catalogue):
    rows = exported(client.get(f"{URL}?region=paijat-hame&sort=title"))["results"]

    api = client.get("/api/measures/?region=paijat-hame&sort=title&page_size=100").json()
    assert rows == api["results"]


def test_json_names_its_licence_in_the_file_and_in_a_header(client, published_measure, settings):
    response = client.get(URL)
    data = exported(response)

    assert data["license"] == {
        "name": settings.CONTENT_LICENSE["short_name"],
        "spdx": settings.CONTENT_LICENSE["spdx"],
        "url": settings.CONTENT_LICENSE["url"],
    }
    assert response["Link"] == f'<{settings.CONTENT_LICENSE["url"]}>; rel="license"'
    # Kept and sent again from the cache: the header comes with it.
    again = client.get(URL)
    assert again["Link"] == response["Link"]
