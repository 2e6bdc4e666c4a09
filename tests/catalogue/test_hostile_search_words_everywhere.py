"""Hostile search words are read the same way by the list, the API, the feed and the downloads.

Each row is what a visitor or a program may send in `?q=` and the words it stands
for once its control characters are taken out: C0 and C1 controls, DEL, and the
invisible format characters (a zero-width space, the bidi controls that turn text
around). Every way out of the catalogue must answer the hostile words exactly as
it answers the clean ones: the list sends them to the address of the clean words,
the API answers with the same status, count and search (or the same refusal), the
feed and the CSV hold the same. Quotes stay what they are in the list's search:
"two words" must follow each other, an apostrophe is no word, and quotes with
nothing between them are nothing to search.
"""

import json
import re
from urllib.parse import quote

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

# (what is sent in q, percent-encoded; the words it stands for)
HOSTILE = [
    ("%00", ""),
    ("%00%27%22", "'\""),
    ("%00%22care%22", '"care"'),
    ("%22care%00unit%22", '"care unit"'),
    ("%00%27care%27", "'care'"),
    ("care%00home%1B%7F%C2%85%0D%0Aunit", "care home unit"),
    ("care%E2%80%8B", "care"),
    ("%E2%80%AEcare", "care"),
    ("re%E2%80%8Bmote", "remote"),
    ("care%00%E2%80%AE", "care"),
    ("%E2%80%8B", ""),
    ("%E2%80%AE%27%22", "'\""),
    ("%EF%BB%BFremote%09care", "remote care"),
    ("%00-care", "-care"),
]
CONTROLS = ["\x00", "\x1b", "\x7f", "\x85", "\u200b", "\u202e", "\ufeff"]
ENCODED_CONTROLS = ["%00", "%1B", "%7F", "%C2%85", "%E2%80%8B", "%E2%80%AE", "%EF%BB%BF"]


@pytest.fixture
def measures(region, theme):
    return [
        MeasureFactory(
            title="Remote home care unit",
            slug="remote-home-care-unit",
            region=region,
            categories=[theme],
        ),
        MeasureFactory(
            title="Village e-service points",
            slug="village-e-service-points",
            region=region,
            categories=[theme],
        ),
    ]


def text_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_clean(text):
    for control in CONTROLS + ENCODED_CONTROLS:
        assert control not in text


def api_answer(client, q):
    response = client.get(f"/api/measures/?q={q}")
    body = json.loads(text_of(response))
    assert_clean(json.dumps(body, ensure_ascii=False))
    if response.status_code != 200:
        return response.status_code, sorted(body.get("errors", {}))
    slugs = [measure["slug"] for measure in body["results"]]
    return response.status_code, body["count"], body["search"], slugs


def feed_entries(client, q):
    text = text_of(client.get(f"/en/measures/feed/?q={q}"))
    assert_clean(text)
    return re.findall(r"<title>(.*?)</title>", text)


def csv_rows(client, q):
    text = text_of(client.get(f"/en/measures/export.csv?q={q}"))
    # The file opens with a byte order mark, so that spreadsheets read it as UTF-8.
    text = text.removeprefix("\ufeff")
    assert_clean(text)
    return text.splitlines()


@pytest.mark.parametrize(("hostile", "clean"), HOSTILE)
def test_the_list_sends_hostile_words_to_the_address_of_the_clean_ones(
    client, measures, hostile, clean
):
    response = client.get(f"/en/measures/?q={hostile}")

    assert response.status_code == 301
    assert response["Location"] == "/en/measures/?" + (f"q={quote(clean, safe='')}").replace(
        "%20", "+"
    )
    followed = client.get(response["Location"])
    assert_clean(text_of(followed))
    assert followed.context["filter"].form["q"].value() == clean


@pytest.mark.parametrize(("hostile", "clean"), HOSTILE)
def test_the_api_answers_hostile_words_as_it_answers_the_clean_ones(
    client, measures, hostile, clean
):
    assert api_answer(client, hostile) == api_answer(client, quote(clean, safe=""))


@pytest.mark.parametrize(("hostile", "clean"), HOSTILE)
def test_the_feed_and_the_csv_hold_the_same_for_hostile_and_clean_words(
    client, measures, hostile, clean
):
    assert feed_entries(client, hostile) == feed_entries(client, quote(clean, safe=""))
    assert csv_rows(client, hostile) == csv_rows(client, quote(clean, safe=""))


@pytest.mark.parametrize(
    ("words", "status", "found"),
    [
        ('"care unit"', 200, ["remote-home-care-unit"]),
        ('"unit care"', 200, []),
        ("'remote'", 200, ["remote-home-care-unit"]),
        ("'\"", 400, None),
    ],
)
def test_quotes_mean_in_the_api_what_they_mean_in_the_list(client, measures, words, status, found):
    listed = client.get(f"/en/measures/?q={quote(words)}")
    answered = client.get(f"/api/measures/?q={quote(words)}")

    assert answered.status_code == status
    if found is None:
        # Nothing to search: the list leaves the search out and says so, the API refuses it.
        assert [label for label, errors in listed.context["invalid_filters"]] == ["Search"]
        assert "q" in answered.json()["errors"]
    else:
        assert [m.slug for m in listed.context["measures"]] == found
        assert [m["slug"] for m in answered.json()["results"]] == found
