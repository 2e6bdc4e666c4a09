"""Control characters in the search words (a NUL, an escape, a line break) are taken out
before the words are searched or shown: on the list, in the API, the feed and the downloads.

A NUL in `?q=` reached the page's search box and the API's links, and PostgreSQL
refuses a NUL in any text it is given.
"""

import json

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

# NUL, escape, DEL, a C1 control (NEL) and a line break between the words.
NASTY = "care%00home%1B%7F%C2%85%0D%0Aunit"


@pytest.fixture
def measure(region, theme):
    return MeasureFactory(
        title="Remote home care unit",
        slug="remote-home-care-unit",
        region=region,
        categories=[theme],
    )


def text_of(response):
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_clean(text):
    for control in ("\x00", "\x1b", "\x7f", "\x85", "%00", "%1B", "%7F", "%C2%85"):
        assert control not in text


def test_the_list_sends_search_words_with_control_characters_to_the_address_without(
    client, measure
):
    response = client.get(f"/en/measures/?region=paijat-hame&q={NASTY}&page=1")

    assert response.status_code == 301
    assert response["Location"] == "/en/measures/?region=paijat-hame&q=care+home+unit&page=1"


def test_the_list_searches_and_shows_the_words_without_control_characters(client, measure):
    response = client.get(f"/en/measures/?q={NASTY}", follow=True)

    assert_clean(text_of(response))
    assert response.context["filter"].form["q"].value() == "care home unit"
    assert [m.slug for m in response.context["measures"]] == ["remote-home-care-unit"]


def test_the_api_searches_without_control_characters_and_links_without_them(client, measure):
    MeasureFactory(title="Home care unit, second", region=measure.region)

    response = client.get(f"/api/measures/?q={NASTY}&page_size=1")

    assert_clean(text_of(response))
    data = response.json()
    assert data["count"] == 2
    assert "q=care+home+unit" in data["next"]


def test_the_feed_names_the_search_without_control_characters(client, measure):
    text = text_of(client.get(f"/en/measures/feed/?q={NASTY}"))

    assert_clean(text)
    assert "care home unit" in text
    assert "Remote home care unit" in text


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_the_downloads_hold_the_search_without_control_characters(client, measure, extension):
    text = text_of(client.get(f"/en/measures/export.{extension}?q={NASTY}"))

    assert_clean(text)
    assert "Remote home care unit" in text
    if extension == "json":
        assert json.loads(text)["list_url"].endswith("?q=care+home+unit")


def test_search_words_without_control_characters_stay_as_typed(client, measure):
    response = client.get("/en/measures/?q=home%20%20care%20")

    assert response.status_code == 200
