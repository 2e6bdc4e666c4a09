"""Everything under /api/ answers errors as JSON with a clear `detail`, readable from any origin:
unknown addresses, too many parameters, a page that is not a number, a server error, an outage.

A bad parameter value is a 400 naming the parameter (as for the filters and
page_size); a page number past the last page is a 404, as an unknown measure is.
"""

import pytest
from django.db import OperationalError, connections
from django.test import Client

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["detail"]
    return body


@pytest.fixture
def measure(region, theme):
    return MeasureFactory(region=region, categories=[theme])


@pytest.mark.parametrize(
    "url", ["/api/nothing", "/api/nothing/", "/api/measures/a/b/", "/api/regions/x/y/z"]
)
def test_an_unknown_api_address_is_a_404_in_json_naming_the_endpoints(client, url):
    body = assert_json_error(client.get(url), 404)

    assert "/api/measures/" in body["detail"]


def test_an_unknown_address_outside_the_api_is_still_the_sites_page(client):
    response = client.get("/en/nothing/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_too_many_parameters_is_a_400_in_json(client, measure, settings):
    query = "&".join(f"p{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    body = assert_json_error(client.get(f"/api/measures/?{query}"), 400)

    assert str(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS) in body["detail"]


@pytest.mark.parametrize("page", ["abc", "1.5", "0", "-1", "%00"])
def test_a_page_that_is_not_a_whole_number_of_at_least_1_is_a_400_naming_it(client, measure, page):
    body = assert_json_error(client.get(f"/api/measures/?page={page}"), 400)

    assert list(body["errors"]) == ["page"]
    assert "page" in body["detail"]


def test_a_page_past_the_last_is_a_404_in_json_saying_how_many_there_are(client, measure):
    body = assert_json_error(client.get("/api/measures/?page=2"), 404)

    assert "1" in body["detail"]


def test_a_server_error_in_the_api_is_a_500_in_json(measure, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("measures.exchange.api.Representer.measure", broken)

    response = Client(raise_request_exception=False).get("/api/measures/")

    body = assert_json_error(response, 500)
    assert "a bug" not in body["detail"]


def test_a_database_outage_in_the_api_is_a_503_in_json_with_retry_after(monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)

    response = Client(raise_request_exception=False).get("/api/measures/")

    assert_json_error(response, 503)
    assert int(response["Retry-After"]) > 0
