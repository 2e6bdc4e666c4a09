"""The API and the downloads carry a measure's expert ratings and its prerequisites.

The lists can be filtered and sorted by the ratings, so every record says what they
are: the number of published opinions and the average of each criterion. Only
published opinions count; no expert's name, affiliation or address, and nothing of
the regions exploring the measure, is in any record.
"""

import csv
import io
import json

import pytest
from django.utils import timezone

from measures.models import ExpertOpinion
from tests.adoption.conftest import add_prerequisites
from tests.factories import MeasureFactory, UserFactory
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status


def publish_opinion(measure, **ratings):
    return make_opinion(
        measure, UserFactory(), status=Status.PUBLISHED, published_at=timezone.now(), **ratings
    )


@pytest.fixture
def reviewed(region, theme):
    """Two published opinions, one still submitted (a 1 on every criterion), two prerequisites."""
    measure = MeasureFactory(
        title="Remote home care unit", slug="remote-home-care", region=region, categories=[theme]
    )
    publish_opinion(measure, relevance=5, evidence=3, transferability=4, novelty=2)
    publish_opinion(measure, relevance=4, evidence=3, transferability=5, novelty=3)
    make_opinion(
        measure, UserFactory(), status=Status.SUBMITTED, relevance=1, evidence=1, novelty=1
    )
    add_prerequisites(
        measure,
        ("infrastructure", "Broadband in the clients' homes", "Video visits need it."),
        ("people", "Nurses trained for video visits"),
    )
    return measure


@pytest.fixture
def plain(region, theme):
    return MeasureFactory(title="Village data hub", slug="village-data-hub", region=region)


RATINGS = {"relevance": 4.5, "evidence": 3, "transferability": 4.5, "novelty": 2.5}
PREREQUISITES = [
    {"kind": "infrastructure", "condition": "Broadband in the clients' homes"},
    {"kind": "people", "condition": "Nurses trained for video visits"},
]


def by_slug(results):
    return {record["slug"]: record for record in results}


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_api_list_gives_the_ratings_of_published_opinions_and_the_prerequisites(
    client, reviewed, plain
):
    results = by_slug(
        client.get("/api/measures/?reviewed=yes&sort=rated-relevance").json()["results"]
    )

    record = results["remote-home-care"]
    assert record["expert_opinion_count"] == 2
    assert record["expert_ratings"] == RATINGS
    assert record["prerequisites"] == PREREQUISITES
    assert "village-data-hub" not in results


def test_a_measure_without_opinions_or_prerequisites_says_so(client, plain):
    record = client.get("/api/measures/village-data-hub/").json()

    assert record["expert_opinion_count"] == 0
    assert record["expert_ratings"] is None
    assert record["prerequisites"] == []


def test_one_opinion_gives_its_own_ratings(client, plain):
    publish_opinion(plain, relevance=5, evidence=3, transferability=4, novelty=2)

    record = client.get("/api/measures/village-data-hub/").json()

    assert record["expert_opinion_count"] == 1
    assert record["expert_ratings"] == {
        "relevance": 5,
        "evidence": 3,
        "transferability": 4,
        "novelty": 2,
    }


def test_the_api_detail_gives_them_too(client, reviewed):
    record = client.get("/api/measures/remote-home-care/").json()

    assert record["expert_opinion_count"] == 2
    assert record["expert_ratings"] == RATINGS
    assert record["prerequisites"] == PREREQUISITES


def test_the_json_download_gives_them(client, reviewed, plain):
    data = json.loads(streamed(client.get("/en/measures/export.json")))

    results = by_slug(data["results"])
    assert results["remote-home-care"]["expert_ratings"] == RATINGS
    assert results["remote-home-care"]["prerequisites"] == PREREQUISITES
    assert results["village-data-hub"]["expert_opinion_count"] == 0


def test_the_csv_download_flattens_them_into_columns(client, reviewed, plain):
    text = streamed(client.get("/en/measures/export.csv")).removeprefix("\ufeff")

    rows = {row["Title"]: row for row in csv.DictReader(io.StringIO(text))}
    row = rows["Remote home care unit"]
    assert row["Expert opinions"] == "2"
    assert row["Expert rating: relevance to next-to-metropolis regions"] == "4.5"
    assert row["Expert rating: evidence of results"] == "3"
    assert row["Expert rating: novelty"] == "2.5"
    assert row["Prerequisites"] == (
        "Infrastructure: Broadband in the clients' homes; People: Nurses trained for video visits"
    )
    assert rows["Village data hub"]["Expert opinions"] == ""
    assert rows["Village data hub"]["Prerequisites"] == ""


def test_the_german_csv_names_the_columns_and_kinds_in_german(client, reviewed):
    text = streamed(client.get("/de/measures/export.csv")).removeprefix("\ufeff")

    header, row = list(csv.reader(io.StringIO(text)))
    cells = dict(zip(header, row, strict=True))
    assert cells["Experteneinschätzungen"] == "2"
    assert cells["Expertenbewertung: Relevanz für Regionen neben einer Metropole"] == "4.5"
    assert cells["Voraussetzungen"].startswith("Infrastruktur: Broadband in the clients' homes")


def test_no_expert_name_affiliation_reason_or_reason_of_a_prerequisite_is_given(client, reviewed):
    texts = [
        client.get("/api/measures/").content.decode(),
        client.get("/api/measures/remote-home-care/").content.decode(),
        streamed(client.get("/en/measures/export.json")),
        streamed(client.get("/en/measures/export.csv")),
    ]

    for text in texts:
        assert "Nowak" not in text
        assert "University of" not in text
        assert "no comparison group" not in text
        assert "Video visits need it" not in text
        assert "@" not in text
