"""Every API endpoint answers 200 JSON in every language of the site and in a regional variant.

The API is outside the language prefix: the client asks for a language with
Accept-Language, which is the only way the API documents. The endpoints are read
from the URLconf, so an endpoint added later is asked too.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from measures.models import CategoryTranslation, MeasureTranslation, RegionTranslation

pytestmark = pytest.mark.django_db

# The five languages of the site, and a regional variant LocaleMiddleware narrows to "de".
LANGUAGES = ["en", "de", "fi", "pl", "es", "de-AT"]
# What each path parameter of an endpoint is filled with (the `translated` fixture's rows).
SAMPLE_KWARGS = {"slug": "paijat-hame"}
SAMPLE_MEASURE_KWARGS = {"slug": "remote-home-care-unit"}


def api_endpoints():
    """(name, route) of every pattern of the api namespace, read from the URLconf."""
    [api] = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "api"
    ]
    return [
        (pattern.name, f"/api/{pattern.pattern}")
        for pattern in api.url_patterns
        if isinstance(pattern, URLPattern)
    ]


# Endpoints that need a parameter, and those that answer in another format than JSON
# (the DCAT-AP catalogue, tested in test_dcat.py).
SAMPLE_QUERIES = {"oembed": "?url=http://testserver/en/measures/remote-home-care-unit/"}
NOT_JSON = {"dcat", "dcat_turtle", "dcat_json_ld"}


def url_of(name, route):
    kwargs = SAMPLE_MEASURE_KWARGS if name.startswith("measure") else SAMPLE_KWARGS
    return route.replace("<slug:slug>", kwargs["slug"]) + SAMPLE_QUERIES.get(name, "")


def json_endpoints():
    return [(name, route) for name, route in api_endpoints() if name not in NOT_JSON]


@pytest.fixture
def translated(published_measure, region, theme):
    """A measure, its region and theme, each with a German and a Finnish translation."""
    for language in ("de", "fi"):
        MeasureTranslation.objects.create(
            measure=published_measure,
            language=language,
            title=f"Home care ({language})",
            summary=f"Summary ({language})",
            description="",
        )
        RegionTranslation.objects.create(region=region, language=language, name=f"PH {language}")
        CategoryTranslation.objects.create(category=theme, language=language, name=f"EH {language}")
    return published_measure


def test_the_endpoints_are_read_from_the_urlconf():
    names = {name for name, _route in api_endpoints()}

    assert {"measure_list", "measure_detail", "region_list", "region_detail"} <= names
    assert {"theme_list", "partner_list"} <= names


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "route"), json_endpoints())
def test_every_endpoint_answers_json_in_every_language(client, translated, name, route, language):
    response = client.get(url_of(name, route), headers={"accept-language": language})

    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == language.split("-")[0]
    assert response.json()


@pytest.mark.parametrize(
    ("language", "region_name"), [("de", "PH de"), ("de-AT", "PH de"), ("fi", "PH fi")]
)
def test_region_and_theme_names_come_in_the_language_asked_for(
    client, translated, language, region_name
):
    headers = {"accept-language": language}

    regions = client.get("/api/regions/", headers=headers).json()["results"]
    region = client.get("/api/regions/paijat-hame/", headers=headers).json()
    themes = client.get("/api/themes/", headers=headers).json()["results"]

    assert [row["name"] for row in regions] == [region_name]
    assert region["name"] == region_name
    assert [row["name"] for row in themes] == [f"EH {language.split('-')[0]}"]
