"""Any query string on the open-data addresses gets a clear answer, never a 500: the API root,
the OpenAPI description, the DCAT-AP catalogue, oEmbed, the card and the change feeds."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.strategies import encoded, query_pairs, raw_query

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/api/",
    "/api/openapi.json",
    "/api/catalogue.ttl",
    "/api/catalogue.jsonld",
    "/api/oembed/",
    "/en/measures/remote-home-care-unit/embed/",
    "/de/measures/remote-home-care-unit/embed/",
    "/en/measures/changes/feed/",
    "/en/measures/remote-home-care-unit/changes/feed/",
]
KEYS = ["lang", "url", "format", "maxwidth", "maxheight", "page", "region"]
URLS = st.sampled_from(
    [
        "http://testserver/en/measures/remote-home-care-unit/",
        "http://testserver/de/measures/remote-home-care-unit/embed/",
        "http://testserver/xx/measures/remote-home-care-unit/",
        "http://testserver/en/regions/paijat-hame/",
        "http://[",
        "//testserver/en/measures/remote-home-care-unit/",
        "javascript:alert(1)",
        "http://testserver/en/measures/%00/",
    ]
)
# oEmbed answers 501 to a format it does not offer, as its specification asks.
CLEAR_ANSWERS = {200, 301, 302, 400, 404, 501}
BOUNDED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_clear_answer(path, response):
    assert response.status_code in CLEAR_ANSWERS, response.status_code
    if path.startswith("/api/") and response.status_code >= 400:
        assert response["Content-Type"] == "application/json"


@BOUNDED
@given(path=st.sampled_from(ADDRESSES), pairs=query_pairs(KEYS))
def test_open_data_addresses_answer_any_query_string_clearly(
    client, published_measure, path, pairs
):
    assert_clear_answer(path, client.get(f"{path}?{encoded(pairs)}"))


@BOUNDED
@given(url=URLS, extra=query_pairs(KEYS, max_size=3))
def test_oembed_answers_any_address_clearly(client, published_measure, url, extra):
    query = encoded([("url", url), *extra])

    assert_clear_answer("/api/oembed/", client.get(f"/api/oembed/?{query}"))


@BOUNDED
@given(path=st.sampled_from(ADDRESSES), query=raw_query)
def test_raw_bytes_in_the_query_string_get_a_clear_answer(client, published_measure, path, query):
    assert_clear_answer(path, client.get(f"{path}?{query}"))
