"""A search of words to leave out only ("-care") lists the measures without them (both engines)."""

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures():
    MeasureFactory(title="Remote home care unit", summary="Nurses visit by video.")
    MeasureFactory(title="Village broadband", summary="Fibre for small villages.")
    MeasureFactory(title="Coworking hubs", summary="Desks near home.")


def titles(response):
    return sorted(str(measure.title) for measure in response.context["measures"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("-care", ["Coworking hubs", "Village broadband"]),
        ("-care -fibre", ["Coworking hubs"]),
        ('-"home care" -desks', ["Village broadband"]),
    ],
)
def test_a_search_of_words_to_leave_out_lists_the_measures_without_them(
    client, measures, query, expected
):
    response = client.get("/en/measures/", {"q": query})

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize("query", ["-care", "-care -fibre"])
def test_downloads_feed_and_api_answer_a_search_of_words_to_leave_out(client, measures, query):
    for path in ["/en/measures/export.json", "/en/measures/export.csv"]:
        response = client.get(path, {"q": query})
        assert response.status_code == 200
        b"".join(response.streaming_content)
    assert client.get("/en/measures/feed/", {"q": query}).status_code == 200
    assert client.get("/api/measures/", {"q": query}).status_code == 200
