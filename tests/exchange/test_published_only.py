"""Only published measures leave the site through the exports, the API, the feed and the sitemap.

Each test puts a published measure and a hidden one in the same region, theme and
partner, so an output that forgot `published()` would list the hidden one too.
"""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import UNPUBLISHED_STATES
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visible(region, theme, partner):
    return MeasureFactory(
        title="Visible published measure",
        region=region,
        partner=partner,
        categories=[theme],
        published_at=timezone.now() - timedelta(days=30),
    )


@pytest.fixture(
    params=[(state, once) for state in UNPUBLISHED_STATES for once in (False, True)],
    ids=lambda param: f"{param[0]}-{'once-published' if param[1] else 'never-published'}",
)
def hidden(request, region, theme, partner):
    """A measure in a non-public state; one published once carries a newer date."""
    state, once_published = request.param
    return MeasureFactory(
        title=f"Hidden {state} measure",
        region=region,
        partner=partner,
        categories=[theme],
        status=state,
        published_at=timezone.now() if once_published else None,
    )


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_holds_only_published_measures(client, visible, hidden):
    text = streamed(client.get("/en/measures/export.csv?region=paijat-hame"))

    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["Title"] for row in rows] == ["Visible published measure"]


def test_json_export_holds_only_published_measures(client, visible, hidden):
    data = json.loads(streamed(client.get("/en/measures/export.json")))

    assert [row["slug"] for row in data["results"]] == [visible.slug]


def test_api_list_holds_only_published_measures(client, visible, hidden):
    data = client.get("/api/measures/").json()

    assert data["count"] == 1
    assert [row["slug"] for row in data["results"]] == [visible.slug]


def test_api_detail_of_a_hidden_measure_is_not_found(client, visible, hidden):
    assert client.get(f"/api/measures/{visible.slug}/").status_code == 200
    assert client.get(f"/api/measures/{hidden.slug}/").status_code == 404


@pytest.mark.parametrize(
    ("url", "slug"),
    [("/api/regions/", "paijat-hame"), ("/api/themes/", "e-health-care"), ("/api/partners/", "")],
)
def test_api_counts_only_published_measures(client, visible, hidden, partner, url, slug):
    rows = client.get(url).json()["results"]

    row = next(row for row in rows if row["slug"] == (slug or partner.slug))
    assert row["measure_count"] == 1


def test_api_region_detail_counts_only_published_measures(client, visible, hidden):
    assert client.get("/api/regions/paijat-hame/").json()["measure_count"] == 1


def test_feed_holds_only_published_measures(client, visible, hidden):
    text = client.get("/en/measures/feed/").content.decode()

    assert visible.get_absolute_url() in text
    assert hidden.get_absolute_url() not in text
    assert hidden.title not in text


def test_sitemap_lists_only_published_measures(client, visible, hidden):
    text = client.get("/sitemap-measures.xml").content.decode()

    assert f"http://testserver{visible.get_absolute_url()}" in text
    assert hidden.get_absolute_url() not in text
