"""Answers under /api/ that are made before any view runs carry CORS and the licence too:
the 304 for a current copy and the redirect to an address with its slash."""

import pytest

from measures.exchange.api import ALLOWED_METHODS

pytestmark = pytest.mark.django_db

LICENSE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
ORIGIN = {"origin": "https://partner.example"}


def assert_readable_from_any_origin(response):
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"ETag", "Link", "Last-Modified", "Content-Language"} <= exposed
    assert response["Link"] == LICENSE_LINK


@pytest.mark.parametrize(
    "url", ["/api/", "/api/measures/", "/api/measures/remote-home-care-unit/", "/api/catalogue.ttl"]
)
def test_a_304_under_the_api_is_readable_from_another_origin(client, published_measure, url):
    etag = client.get(url, headers=ORIGIN)["ETag"]

    response = client.get(url, headers={**ORIGIN, "if-none-match": etag})

    assert response.status_code == 304
    assert_readable_from_any_origin(response)


@pytest.mark.parametrize("url", ["/api/measures", "/api/regions"])
def test_an_api_address_without_its_slash_redirects_in_json_readable_from_another_origin(
    client, url
):
    response = client.get(url, headers=ORIGIN)

    assert response.status_code == 301
    assert response["Location"] == f"{url}/"
    assert response["Content-Type"] == "application/json"
    assert response.json()["location"] == f"{url}/"
    assert_readable_from_any_origin(response)


def test_a_page_outside_the_api_gets_no_cors_on_its_304(client, published_measure):
    etag = client.get("/en/")["ETag"]

    response = client.get("/en/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert "Access-Control-Allow-Origin" not in response


def test_the_405_names_the_methods_its_allow_header_names(client):
    response = client.post("/api/measures/")

    assert response.status_code == 405
    assert response["Allow"] == ALLOWED_METHODS
    assert "GET, HEAD and OPTIONS" in response.json()["detail"]
