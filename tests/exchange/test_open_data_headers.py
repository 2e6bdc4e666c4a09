"""What every answer under /api/ says besides its body: the content's licence, its content
version (ETag), who may read it (CORS, GET and HEAD only), and in which language."""

import pytest

pytestmark = pytest.mark.django_db

LICENSE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
ANSWERS = [
    "/api/",
    "/api/openapi.json",
    "/api/catalogue.ttl",
    "/api/catalogue.jsonld",
    "/api/measures/",
    "/api/measures/remote-home-care-unit/",
    "/api/regions/",
    "/api/regions/paijat-hame/",
    "/api/themes/",
    "/api/partners/",
    "/api/oembed/?url=http://testserver/en/measures/remote-home-care-unit/",
]
ERRORS = [
    "/api/measures/?region=atlantis",
    "/api/measures/?page=9",
    "/api/measures/nothing/",
    "/api/nothing/",
    "/api/oembed/",
    "/api/measures/?lang=xx",
]


@pytest.mark.parametrize("url", ANSWERS)
def test_every_answer_names_the_licence_and_its_content_version(client, published_measure, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Link"] == LICENSE_LINK
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"ETag", "Link", "Content-Language"} <= exposed


@pytest.mark.parametrize("url", ERRORS)
def test_every_error_is_json_that_names_the_licence_too(client, published_measure, url):
    response = client.get(url)

    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert response["Link"] == LICENSE_LINK
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", ["/api/", "/api/measures/", "/api/catalogue.ttl"])
def test_a_current_copy_costs_a_304_without_a_body(client, published_measure, url):
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_a_preflight_allows_get_and_head_only(client):
    response = client.options(
        "/api/measures/",
        headers={"origin": "https://partner.example", "access-control-request-method": "GET"},
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_the_lang_parameter_chooses_the_language_over_the_header(client, published_measure):
    response = client.get("/api/?lang=de", headers={"accept-language": "fi"})

    assert response["Content-Language"] == "de"
    measure = client.get("/api/measures/?lang=de").json()["results"][0]
    assert measure["url"] == "http://testserver/de/measures/remote-home-care-unit/"
    assert measure["region"]["url"] == "http://testserver/de/regions/paijat-hame/"


def test_an_unknown_lang_is_a_400_naming_it(client, published_measure):
    response = client.get("/api/measures/?lang=xx")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]
