"""The API's root and its OpenAPI 3.1 description: a valid document, true to every real answer.

openapi-spec-validator checks the document; jsonschema checks each endpoint's real
answer against the schema the document gives for it, so a field the
representation adds without its schema, or a schema that promises a field the
answer lacks, fails here. The description's paths and the URLconf's API routes
are held to be the same.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from measures.models import ExpertOpinion
from tests.adoption.conftest import add_prerequisites
from tests.factories import (
    IndicatorFactory,
    LineageFactory,
    MeasureFactory,
    MeasureLinkFactory,
    TargetGroupFactory,
    UserFactory,
)
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

MEASURE_PAGE = "http://testserver/en/measures/remote-home-care-unit/"
# A real address for each path of the description, and the answer's expected status.
SAMPLES = {
    "/": "/api/",
    "/measures/": "/api/measures/?region=paijat-hame&q=home&page_size=2",
    "/measures/{slug}/": "/api/measures/remote-home-care-unit/",
    "/regions/": "/api/regions/",
    "/regions/{slug}/": "/api/regions/paijat-hame/",
    "/themes/": "/api/themes/",
    "/partners/": "/api/partners/",
    "/oembed/": f"/api/oembed/?url={MEASURE_PAGE}&format=json",
    "/openapi.json": "/api/openapi.json",
}
# Not JSON: the DCAT-AP catalogue, which tests/exchange/test_dcat.py parses as RDF.
NOT_DESCRIBED = {"/catalogue", "/catalogue.ttl", "/catalogue.jsonld"}


@pytest.fixture
def full_catalogue(published_measure, region):
    """The measure with every part its full answer can hold: groups, a link, an indicator,
    an origin in the catalogue, an adaptation elsewhere, two published expert opinions
    and a prerequisite."""
    published_measure.target_groups.set([TargetGroupFactory()])
    for relevance in (4, 5):
        make_opinion(
            published_measure,
            UserFactory(),
            status=ExpertOpinion.Status.PUBLISHED,
            published_at=timezone.now(),
            relevance=relevance,
        )
    add_prerequisites(published_measure, ("people", "Nurses trained for video visits"))
    MeasureLinkFactory(measure=published_measure)
    IndicatorFactory(measure=published_measure)
    origin = MeasureFactory(region=region)
    LineageFactory(measure=published_measure, origin=origin)
    LineageFactory(measure=MeasureFactory(), origin=published_measure)
    region.description = "A region north-east of Helsinki."
    region.save()
    return published_measure


@pytest.fixture
def description(client):
    return client.get("/api/openapi.json").json()


def validator_for(document, schema):
    registry = Registry().with_resource(
        "urn:openapi", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"urn:openapi{schema['$ref']}"} if "$ref" in schema else schema,
        registry=registry,
        format_checker=FormatChecker(),
    )


def api_routes():
    [api] = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "api"
    ]
    return {
        "/" + str(pattern.pattern).replace("<slug:slug>", "{slug}")
        for pattern in api.url_patterns
        if isinstance(pattern, URLPattern)
    }


def test_the_description_is_a_valid_openapi_3_1_document(description):
    validate(description)

    assert description["openapi"] == "3.1.0"
    assert description["servers"] == [{"url": "http://testserver/api"}]
    assert description["info"]["license"]["identifier"] == "CC-BY-4.0"


def test_every_api_route_is_described_and_every_description_is_a_route(description):
    assert set(description["paths"]) == api_routes() - NOT_DESCRIBED
    assert set(SAMPLES) == set(description["paths"])


@pytest.mark.parametrize("path", sorted(set(SAMPLES) - {"/openapi.json"}))
def test_every_real_answer_matches_its_schema(client, full_catalogue, description, path):
    response = client.get(SAMPLES[path])

    assert response.status_code == 200, response.content[:300]
    assert response.json().get("results", [None]), "a list to check has rows"
    schema = description["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator_for(description, schema["schema"]).iter_errors(response.json())
    ]
    assert errors == []


def test_a_schema_refuses_an_answer_that_lacks_a_field(client, full_catalogue, description):
    answer = client.get("/api/measures/remote-home-care-unit/").json()
    del answer["region"]["nuts_code" if "nuts_code" in answer["region"] else "country_name"]
    schema = description["paths"]["/measures/{slug}/"]["get"]["responses"]["200"]

    assert not validator_for(description, schema["content"]["application/json"]["schema"]).is_valid(
        answer
    )


@pytest.mark.parametrize(
    ("field", "wrong"),
    [
        ("expert_ratings", {"relevance": 4.5}),
        ("expert_ratings", {"relevance": 6, "evidence": 3, "transferability": 4, "novelty": 2}),
        ("prerequisites", [{"kind": "luck", "condition": "Fair weather"}]),
        ("expert_opinion_count", None),
    ],
)
def test_the_schema_describes_the_ratings_and_the_prerequisites(
    client, full_catalogue, description, field, wrong
):
    answer = client.get("/api/measures/remote-home-care-unit/").json()
    schema = description["paths"]["/measures/{slug}/"]["get"]["responses"]["200"]
    validator = validator_for(description, schema["content"]["application/json"]["schema"])

    assert validator.is_valid(answer)
    assert answer["expert_ratings"]["relevance"] == 4.5
    assert not validator.is_valid({**answer, field: wrong})


@pytest.mark.parametrize("status", ["400", "404"])
def test_error_answers_match_the_error_schema(client, published_measure, description, status):
    url = {"400": "/api/measures/?region=atlantis", "404": "/api/measures/nothing/"}[status]
    response = client.get(url)
    schema = description["paths"]["/measures/"]["get"]["responses"]["400"]

    assert response.status_code == int(status)
    assert validator_for(description, schema["content"]["application/json"]["schema"]).is_valid(
        response.json()
    )


def test_the_list_filters_and_the_language_are_documented_parameters(description):
    names = {
        parameter["name"] for parameter in description["paths"]["/measures/"]["get"]["parameters"]
    }

    assert {"q", "region", "theme", "partner", "sort", "page", "page_size", "lang"} <= names


def test_the_root_names_every_endpoint_and_each_answers(client, published_measure):
    root = client.get("/api/").json()

    assert root["license"] == {
        "name": "CC BY 4.0",
        "spdx": "CC-BY-4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert root["languages"] == ["en", "de", "fi", "pl", "es"]
    addresses = [
        root["openapi"],
        *root["catalogue"].values(),
        *root["feeds"].values(),
        *(url for url in root["endpoints"].values() if "{slug}" not in url),
    ]
    for url in addresses:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url
    detail = root["endpoints"]["measure"].replace("{slug}", published_measure.slug)
    assert client.get(detail.removeprefix("http://testserver")).status_code == 200
