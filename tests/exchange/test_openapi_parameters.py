"""The documented query parameters against real answers: every value the description offers
is taken, every value it rules out is refused with an answer it documents, and `lang` is
read on every path as the description says."""

import pytest
from jsonschema import Draft202012Validator

from tests.exchange.test_openapi import MEASURE_PAGE, SAMPLES, validator_for

pytestmark = pytest.mark.django_db

LIST = "/measures/"
# What the description rules out, per parameter of the list, and what it allows.
OUTSIDE = {
    "q": "x" * 201,
    "region": "atlantis",
    "country": "XX",
    "theme": "nothing",
    "target": "nobody",
    "partner": "nobody",
    "evidence": "rumoured",
    "documentation": "none-at-all",
    "budget": "priceless",
    "funding": "lottery",
    "year_from": "1989",
    "year_to": "2101",
    "sort": "random",
}


@pytest.fixture
def description(client, published_measure):
    return client.get("/api/openapi.json").json()


def parameters_of(description, path):
    return {p["name"]: p for p in description["paths"][path]["get"]["parameters"]}


def value_schema(parameter):
    schema = parameter["schema"]
    return schema["items"] if schema.get("type") == "array" else schema


def documented(description, path, response):
    """Whether `response` is one the description gives for `path`, its body matching."""
    answers = description["paths"][path]["get"]["responses"]
    status = str(response.status_code)
    if status not in answers:
        return False
    content = answers[status].get("content", {}).get("application/json")
    if content is None:
        return True
    return validator_for(description, content["schema"]).is_valid(response.json())


def with_param(path, name, value):
    url = SAMPLES[path]
    return f"{url}{'&' if '?' in url else '?'}{name}={value}"


def test_every_filter_of_the_list_offers_its_values_or_its_bounds(description):
    parameters = parameters_of(description, LIST)

    assert value_schema(parameters["region"])["enum"] == ["paijat-hame"]
    assert value_schema(parameters["theme"])["enum"] == ["e-health-care"]
    assert value_schema(parameters["country"])["enum"] == ["FI"]
    assert "evaluated" in value_schema(parameters["evidence"])["enum"]
    assert {"relevance", "newest", "title"} <= set(parameters["sort"]["schema"]["enum"])
    assert parameters["year_from"]["schema"] == {
        "type": "integer",
        "minimum": 1990,
        "maximum": 2100,
    }
    assert parameters["q"]["schema"]["maxLength"] == 200
    assert parameters["page_size"]["schema"]["maximum"] == 100


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_a_value_the_description_rules_out_is_refused_as_documented(client, description, name):
    parameter = parameters_of(description, LIST)[name]
    value = OUTSIDE[name]
    schema = value_schema(parameter)
    typed = int(value) if schema.get("type") == "integer" else value
    assert not Draft202012Validator(schema).is_valid(typed), "the value is outside the schema"

    response = client.get(f"/api/measures/?{name}={value}")

    assert response.status_code == 400
    assert name in response.json()["errors"]
    assert documented(description, LIST, response)


@pytest.mark.parametrize("name", ["region", "theme", "country", "evidence", "sort", "budget"])
def test_every_value_the_description_offers_is_taken(client, description, name):
    for value in value_schema(parameters_of(description, LIST)[name])["enum"]:
        response = client.get(f"/api/measures/?{name}={value}")

        assert response.status_code == 200, (name, value)
        assert documented(description, LIST, response)


@pytest.mark.parametrize("path", sorted(SAMPLES))
@pytest.mark.parametrize("lang", ["xx", ""])
def test_an_unknown_or_empty_lang_is_a_documented_400_on_every_path(
    client, description, path, lang
):
    assert lang not in parameters_of(description, path)["lang"]["schema"]["enum"]

    response = client.get(with_param(path, "lang", lang))

    assert response.status_code == 400
    assert documented(description, path, response)


@pytest.mark.parametrize(("lang", "language"), [("DE", "de"), ("en-GB", "en"), ("fi_FI", "fi")])
def test_lang_is_read_as_accept_language_is(client, published_measure, lang, language):
    response = client.get(f"/api/measures/?lang={lang}")

    assert response.status_code == 200
    assert response["Content-Language"] == language


def test_a_format_other_than_json_is_a_documented_501(client, description):
    response = client.get(f"/api/oembed/?url={MEASURE_PAGE}&format=xml")

    assert response.status_code == 501
    assert documented(description, "/oembed/", response)


def test_endpoint_addresses_with_a_slug_are_templates_not_uris(description):
    endpoints = description["components"]["schemas"]["Root"]["properties"]["endpoints"]

    assert endpoints["additionalProperties"] == {"type": "string"}
    assert "{slug}" in endpoints["description"]
