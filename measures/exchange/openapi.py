"""The OpenAPI 3.1 description of the JSON API, kept beside the views it describes.

`document()` builds it from the URLconf's paths, the list's filters
(MeasureFilter) and the site's languages, so a filter or language added there
shows here without a second edit; the shapes of the answers are written out
below, next to nothing else. tests/exchange/test_openapi.py validates the
document with openapi-spec-validator and every endpoint's real answer against
its schema, so a field added to measures.exchange.representation without its
line here fails a test.

The texts are in English: the description is for developers, and a client
generator reads it once.
"""

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse

from measures.catalogue.filters import MeasureFilter
from measures.exchange.api import LANGUAGE_PARAM, MAX_PAGE_SIZE, api_view
from measures.exchange.representation import CHOICES, ENGLISH_TEXT_FIELDS
from measures.models import CRITERION_NAMES
from measures.site_url import absolute_url, site_url

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0"

# What each of the list's filters takes (the list page documents the same in words).
FILTER_DESCRIPTIONS = {
    "q": "Search words: titles, summaries, places, partners; forgiving of case and accents.",
    "region": "Region slug, e.g. paijat-hame; repeat for several (any of them).",
    "country": "Two-letter country code, e.g. FI; repeat for several.",
    "theme": "Theme slug, e.g. e-services; repeat for several (any of them).",
    "target": "Target group slug; repeat for several (any of them).",
    "partner": "Partner slug, e.g. witeno; repeat for several.",
    "evidence": "Evidence of results: anecdotal, monitored, evaluated; repeat for several.",
    "documentation": "How fully the measure is documented; repeat for several.",
    "budget": "Budget band code; repeat for several.",
    "funding": "Funding source code, e.g. erdf; repeat for several.",
    "year_from": "Only measures running in or after this year.",
    "year_to": "Only measures running in or before this year.",
    "reviewed": "yes: only measures with a published expert opinion.",
    "sort": (
        "Order: relevance (with q), newest, title, region, start; or the best average expert "
        "rating first: rated-relevance, rated-evidence, rated-transferability, rated-novelty."
    ),
    "exact": "1 searches the words as typed, without the nearest-word correction.",
}
REPEATABLE = {"region", "country", "theme", "target", "partner", "evidence", "documentation"}
REPEATABLE |= {"budget", "funding"}


def nullable(type_name, **extra):
    return {"type": [type_name, "null"], **extra}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties, *, optional=()):
    """An object with these properties, all of them required but `optional`."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
INTEGER = {"type": "integer"}
TEXT = STRING
NULLABLE_TEXT = nullable("string")
NULLABLE_URL = nullable("string", format="uri")
NULLABLE_INTEGER = nullable("integer")
NULLABLE_NUMBER = nullable("number")
RATING = {"type": "number", "minimum": 1, "maximum": 5}


def code_of(key):
    """One of the codes of a representation's choice, or null."""
    return {"type": ["string", "null"], "enum": [*CHOICES[key].values, None]}


SCHEMAS = {
    "ThemeRef": obj({"slug": STRING, "name": TEXT, "url": URL}),
    "PartnerRef": obj(
        {
            "slug": STRING,
            "name": TEXT,
            "short_name": STRING,
            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "url": URL,
        }
    ),
    "RegionRef": obj(
        {
            "slug": STRING,
            "name": TEXT,
            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "country_name": TEXT,
            "url": URL,
            "api_url": URL,
        }
    ),
    "TargetGroupRef": obj({"slug": STRING, "name": TEXT}),
    "MeasureRef": obj(
        {"slug": STRING, "title": TEXT, "url": URL, "api_url": URL, "region": ref("RegionRef")}
    ),
    "Measure": obj(
        {
            "slug": STRING,
            "title": TEXT,
            "title_local": STRING,
            "summary": TEXT,
            "url": URL,
            "api_url": URL,
            "region": ref("RegionRef"),
            "partner": ref("PartnerRef"),
            "themes": {"type": "array", "items": ref("ThemeRef")},
            "target_groups": {"type": "array", "items": ref("TargetGroupRef")},
            "start_year": NULLABLE_INTEGER,
            "end_year": NULLABLE_INTEGER,
            "implementation": code_of("implementation"),
            "website": NULLABLE_URL,
            "published_at": nullable("string", format="date-time"),
            "evidence_level": code_of("evidence_level"),
            "budget_band": code_of("budget_band"),
            "staff_effort": code_of("staff_effort"),
            "duration_months": NULLABLE_INTEGER,
            "funding_sources": {
                "type": "array",
                "items": {"type": "string", "enum": CHOICES["funding_sources"].values},
            },
            "expert_opinion_count": {
                "type": "integer",
                "minimum": 0,
                "description": "How many published expert opinions the measure has.",
            },
            "expert_ratings": {
                "oneOf": [
                    {
                        **obj(dict.fromkeys(CRITERION_NAMES, RATING)),
                        "description": (
                            "Each criterion's rating from 1 to 5: the average over the "
                            "published expert opinions, to one decimal."
                        ),
                    },
                    {"type": "null", "description": "No published expert opinion."},
                ]
            },
            "prerequisites": {
                "type": "array",
                "description": "What the measure needs to run elsewhere, in English, in order.",
                "items": obj(
                    {
                        "kind": {"type": "string", "enum": CHOICES["kind"].values},
                        "condition": STRING,
                    }
                ),
            },
        }
    ),
    "Indicator": obj(
        {
            "name": TEXT,
            "unit": STRING,
            "baseline": NULLABLE_NUMBER,
            "target": NULLABLE_NUMBER,
            "achieved": NULLABLE_NUMBER,
            "achieved_qualifier": NULLABLE_TEXT,
            "achieved_on": nullable("string", format="date"),
            "achieved_on_precision": NULLABLE_TEXT,
        }
    ),
    "Origin": obj(
        {
            "kind": STRING,
            "measure": {"oneOf": [ref("MeasureRef"), {"type": "null"}]},
            "name": NULLABLE_TEXT,
            "place": NULLABLE_TEXT,
            "url": NULLABLE_URL,
            "changes": TEXT,
            "outcome": TEXT,
        }
    ),
    "Adaptation": obj(
        {"kind": STRING, "measure": ref("MeasureRef"), "changes": TEXT, "outcome": TEXT}
    ),
    "Region": obj(
        {
            "slug": STRING,
            "name": TEXT,
            "country": STRING,
            "country_name": TEXT,
            "url": URL,
            "api_url": URL,
            "name_local": STRING,
            "nuts_code": STRING,
            "nearby_metropolises": {"type": "array", "items": STRING},
            "population": NULLABLE_INTEGER,
            "population_year": NULLABLE_INTEGER,
            "latitude": NULLABLE_NUMBER,
            "longitude": NULLABLE_NUMBER,
            "partner": {"oneOf": [ref("PartnerRef"), {"type": "null"}]},
            "measure_count": INTEGER,
            "measures_url": URL,
            "description": TEXT,
        },
        optional=["description"],
    ),
    "Theme": obj(
        {
            "slug": STRING,
            "name": TEXT,
            "url": URL,
            "description": TEXT,
            "measure_count": INTEGER,
            "measures_url": URL,
        }
    ),
    "Partner": obj(
        {
            "slug": STRING,
            "name": TEXT,
            "short_name": STRING,
            "country": STRING,
            "url": URL,
            "name_local": STRING,
            "role": STRING,
            "city": STRING,
            "website": NULLABLE_URL,
            "is_active": {"type": "boolean"},
            "measure_count": INTEGER,
            "measures_url": URL,
        }
    ),
    "Error": {
        "type": "object",
        "properties": {
            "detail": {"type": "string", "description": "What went wrong, in words."},
            "errors": {
                "type": "object",
                "description": "Per parameter, as Django's form.errors.get_json_data().",
                "additionalProperties": {
                    "type": "array",
                    "items": obj({"message": STRING, "code": STRING}),
                },
            },
        },
        "required": ["detail"],
    },
}

SCHEMAS["MeasureInFull"] = {
    "allOf": [
        ref("Measure"),
        obj(
            {
                "description": TEXT,
                **dict.fromkeys(ENGLISH_TEXT_FIELDS, TEXT),
                "links": {"type": "array", "items": obj({"title": TEXT, "url": URL})},
                "image": {"oneOf": [obj({"url": URL, "alt": TEXT}), {"type": "null"}]},
                "indicators": {"type": "array", "items": ref("Indicator")},
                "origins": {"type": "array", "items": ref("Origin")},
                "adaptations": {"type": "array", "items": ref("Adaptation")},
            }
        ),
    ]
}


def listing(item):
    return obj({"count": INTEGER, "results": {"type": "array", "items": ref(item)}})


SCHEMAS["RegionList"] = listing("Region")
SCHEMAS["ThemeList"] = listing("Theme")
SCHEMAS["PartnerList"] = listing("Partner")
SCHEMAS["MeasurePage"] = obj(
    {
        "count": INTEGER,
        "page": INTEGER,
        "pages": INTEGER,
        "page_size": INTEGER,
        "search": {
            "description": (
                "The words searched and those typed (q); they differ when the words typed "
                "found nothing and their nearest known words did. Null without q."
            ),
            "oneOf": [
                obj({"query": STRING, "typed": STRING, "corrected": {"type": "boolean"}}),
                {"type": "null"},
            ],
        },
        "next": NULLABLE_URL,
        "previous": NULLABLE_URL,
        "results": {"type": "array", "items": ref("Measure")},
    }
)
SCHEMAS["Root"] = obj(
    {
        "title": STRING,
        "description": STRING,
        "version": STRING,
        "license": obj({"name": STRING, "spdx": STRING, "url": URL}),
        "languages": {"type": "array", "items": STRING},
        "language_parameter": STRING,
        "openapi": URL,
        "endpoints": {
            "type": "object",
            "description": "Each endpoint's address; one with {slug} is a URI template (RFC 6570).",
            "additionalProperties": STRING,
        },
        "catalogue": obj({"turtle": URL, "json_ld": URL}),
        "feeds": obj({"new_measures": URL, "recent_changes": URL}),
        "oembed": URL,
    }
)
SCHEMAS["OEmbed"] = obj(
    {
        "version": {"const": "1.0"},
        "type": {"const": "rich"},
        "title": TEXT,
        "author_name": TEXT,
        "author_url": URL,
        "provider_name": STRING,
        "provider_url": URL,
        "html": STRING,
        "width": INTEGER,
        "height": INTEGER,
        "license": STRING,
        "license_url": URL,
    }
)


def header(description, schema=STRING):
    return {"description": description, "schema": schema}


HEADERS = {
    "ETag": header("The content version of this answer: send it back in If-None-Match."),
    "Last-Modified": header("When the catalogue last changed."),
    "Link": header('The content\'s licence, as <…>; rel="license".'),
    "Content-Language": header("The language of the texts in this answer."),
    "Access-Control-Allow-Origin": header("Always *: any web page may read the answer."),
}


def ok(schema, description="OK", media_type="application/json"):
    return {
        "description": description,
        "headers": HEADERS,
        "content": {media_type: {"schema": ref(schema) if isinstance(schema, str) else schema}},
    }


def error(description):
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


NOT_MODIFIED = {"description": "The client's copy (If-None-Match) is current."}
BAD_REQUEST = error("A parameter has a value the API does not take; `errors` names it.")
NOT_FOUND = error("Nothing is published at this address.")
BAD_LANGUAGE = error("The lang parameter names no language of the site; `errors` names it.")
FORMAT_NOT_OFFERED = error("A format other than json was asked for: not implemented.")


def language_parameter():
    codes = [code for code, name in settings.LANGUAGES]
    return {
        "name": LANGUAGE_PARAM,
        "in": "query",
        "required": False,
        "description": (
            "The language of texts and page addresses; overrides Accept-Language. "
            "Texts without a translation are in English. Read without regard to case, and "
            "a regional variant as its language (en-GB as en); any other value, an empty "
            "one too, is a 400."
        ),
        "schema": {"type": "string", "enum": codes},
    }


def value_schema(field):
    """What one of the list's form fields takes: its choices, bounds or length."""
    if isinstance(field, forms.IntegerField):
        return {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
    if isinstance(field, forms.ModelMultipleChoiceField):
        # Today's regions, themes, partners…: the document follows the content version.
        return {"type": "string", "enum": [str(value) for value, label in field.choices]}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [str(value) for value, label in field.choices if value]}
    if isinstance(field, forms.CharField) and field.max_length:
        return {"type": "string", "maxLength": field.max_length}
    return STRING


def filter_parameters():
    parameters = []
    for name, field in MeasureFilter().form.fields.items():
        schema = value_schema(field)
        if name in REPEATABLE:
            schema = {"type": "array", "items": schema}
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": FILTER_DESCRIPTIONS.get(name, ""),
                "schema": schema,
                **({"style": "form", "explode": True} if name in REPEATABLE else {}),
            }
        )
    return parameters


def slug_parameter(what):
    return {
        "name": "slug",
        "in": "path",
        "required": True,
        "description": f"The {what}'s slug, as in its page's address.",
        "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    }


def path_of(name, **kwargs):
    """The URLconf's path of an endpoint, relative to the API's root, with {slug} left in."""
    path = reverse(f"api:{name}", kwargs={"slug": "__slug__"} if kwargs else None)
    return path.removeprefix(reverse("api:root").rstrip("/")).replace("__slug__", "{slug}")


def operation(operation_id, summary, responses, parameters=(), tags=()):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "tags": list(tags),
            "parameters": [*parameters, language_parameter()],
            "responses": {"400": BAD_LANGUAGE, **responses, "304": NOT_MODIFIED},
        }
    }


def paths():
    whole_number = {"type": "integer", "minimum": 1}
    return {
        path_of("root"): operation(
            "apiRoot",
            "What the API offers, with the addresses of its endpoints and descriptions",
            {"200": ok("Root")},
            tags=["about"],
        ),
        path_of("measure_list"): operation(
            "listMeasures",
            "Published measures, filtered and sorted as on the list page, a page at a time",
            {"200": ok("MeasurePage"), "400": BAD_REQUEST, "404": NOT_FOUND},
            [
                *filter_parameters(),
                {
                    "name": "page",
                    "in": "query",
                    "required": False,
                    "description": "Page number, from 1; past the last page is a 404.",
                    "schema": whole_number,
                },
                {
                    "name": "page_size",
                    "in": "query",
                    "required": False,
                    "description": (
                        f"Measures a page, at most {MAX_PAGE_SIZE}; a larger number is read "
                        f"as {MAX_PAGE_SIZE}."
                    ),
                    "schema": {
                        **whole_number,
                        "maximum": MAX_PAGE_SIZE,
                        "default": settings.MEASURES_PER_PAGE,
                    },
                },
            ],
            tags=["measures"],
        ),
        path_of("measure_detail", slug=True): operation(
            "getMeasure",
            "One published measure in full: texts, links, image, indicators, lineage",
            {"200": ok("MeasureInFull"), "404": NOT_FOUND},
            [slug_parameter("measure")],
            tags=["measures"],
        ),
        path_of("region_list"): operation(
            "listRegions",
            "The regions, with their NUTS codes and counts of published measures",
            {"200": ok("RegionList")},
            tags=["taxonomy"],
        ),
        path_of("region_detail", slug=True): operation(
            "getRegion",
            "One region, with its description",
            {"200": ok("Region"), "404": NOT_FOUND},
            [slug_parameter("region")],
            tags=["taxonomy"],
        ),
        path_of("theme_list"): operation(
            "listThemes",
            "The themes, with counts of published measures",
            {"200": ok("ThemeList")},
            tags=["taxonomy"],
        ),
        path_of("partner_list"): operation(
            "listPartners",
            "The partner organisations, with counts of published measures",
            {"200": ok("PartnerList")},
            tags=["taxonomy"],
        ),
        path_of("oembed"): operation(
            "oEmbed",
            "The oEmbed answer for a measure's page: an iframe of its card",
            {"200": ok("OEmbed"), "400": BAD_REQUEST, "404": NOT_FOUND, "501": FORMAT_NOT_OFFERED},
            [
                {
                    "name": "url",
                    "in": "query",
                    "required": True,
                    "description": "The address of a published measure's page.",
                    "schema": URL,
                },
                {
                    "name": "format",
                    "in": "query",
                    "required": False,
                    "description": "Only json is offered.",
                    "schema": {"type": "string", "enum": ["json"]},
                },
                {"name": "maxwidth", "in": "query", "required": False, "schema": whole_number},
                {"name": "maxheight", "in": "query", "required": False, "schema": whole_number},
            ],
            tags=["embedding"],
        ),
        path_of("openapi"): operation(
            "openapiDescription",
            "This description",
            {"200": {"description": "The OpenAPI 3.1 document", "headers": HEADERS}},
            tags=["about"],
        ),
    }


def document():
    """The OpenAPI document, its server at SITE_URL."""
    license = settings.CONTENT_LICENSE
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Next2Met catalogue API",
            "version": API_VERSION,
            "summary": "Soft digitalisation measures from regions next to a metropolis, as JSON.",
            "description": (
                "A read-only API of the published measures of the Next2Met catalogue, their "
                "regions, themes and partners. Every answer may be read from any origin "
                "(CORS, GET and HEAD), carries an ETag of the catalogue's content version "
                "and names the content's licence in a Link header. Errors are JSON with a "
                "`detail`."
            ),
            "license": {"name": license["name"], "identifier": license["spdx"]},
        },
        "servers": [{"url": absolute_url(reverse("api:root")).rstrip("/")}],
        "externalDocs": {
            "description": "The catalogue, whose pages these answers describe",
            "url": site_url() + "/",
        },
        "tags": [
            {"name": "about", "description": "The API itself"},
            {"name": "measures", "description": "Published measures"},
            {"name": "taxonomy", "description": "Regions, themes and partners"},
            {"name": "embedding", "description": "Showing a measure on another web site"},
        ],
        "paths": paths(),
        "components": {"schemas": SCHEMAS},
    }


@api_view
def openapi_json(request):
    return JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
