"""The list's counts from bitmaps follow every change at the very next request.

The bitmaps are kept per content version in the shared cache and in each
worker's memory (measures.catalogue.bitmaps). A change of a measure (its region,
its themes, a publication, an archiving, an expert opinion) moves the version
on, so the next list is counted from bitmaps built anew; another worker reads
what the first built from the shared cache, without a query.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.catalogue import bitmaps
from measures.models import Measure
from measures.review import workflow
from tests.factories import CategoryFactory, MeasureFactory, RegionFactory, UserFactory
from tests.review.opinions import make_opinion
from tests.staff import create_staff_user

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


@pytest.fixture
def lahti():
    return RegionFactory(name="Päijät-Häme", slug="paijat-hame", country="FI")


@pytest.fixture
def tulln():
    return RegionFactory(name="Lower Austria", slug="lower-austria", country="AT")


@pytest.fixture
def care():
    return CategoryFactory(name="Home care", slug="home-care")


@pytest.fixture
def measures(lahti, tulln, care):
    return {
        "robots": MeasureFactory(title="Care robots", region=lahti, categories=[care]),
        "hub": MeasureFactory(title="Coworking hub", region=lahti),
        "portal": MeasureFactory(title="Open data portal", region=tulln),
    }


@pytest.fixture
def coordinator(lahti):
    return create_staff_user("cora", lahti.partner, "coordinator")


def counts(client, facet, query=""):
    response = client.get(f"{URL}{query}")
    assert response.status_code == 200
    facets = {entry["name"]: entry for entry in response.context["facets"]}
    found = {option["value"]: option["count"] for option in facets[facet]["options"]}
    return response.context["paginator"].count, {v: n for v, n in found.items() if n}


def test_a_measure_moved_to_another_region_changes_the_counts_at_the_next_request(
    client, measures, tulln
):
    assert counts(client, "region") == (3, {"paijat-hame": 2, "lower-austria": 1})
    assert counts(client, "country", "?region=lower-austria") == (1, {"AT": 1})

    measures["hub"].region = tulln
    measures["hub"].save()

    assert counts(client, "region") == (3, {"paijat-hame": 1, "lower-austria": 2})
    assert counts(client, "country", "?region=lower-austria") == (2, {"AT": 2})


def test_a_theme_given_to_a_measure_is_counted_at_the_next_request(client, measures, care):
    total, found = counts(client, "theme", "?theme=home-care")
    assert (total, found["home-care"]) == (1, 1)

    measures["portal"].categories.add(care)

    total, found = counts(client, "theme", "?theme=home-care")
    assert (total, found["home-care"]) == (2, 2)


def test_publishing_and_archiving_change_the_counts_at_the_next_request(
    client, measures, lahti, coordinator
):
    draft = MeasureFactory(
        title="Village assistants", region=lahti, status=Measure.Status.SUBMITTED
    )
    assert counts(client, "region") == (3, {"paijat-hame": 2, "lower-austria": 1})

    workflow.transition(draft, Measure.Status.PUBLISHED, coordinator)

    assert counts(client, "region") == (4, {"paijat-hame": 3, "lower-austria": 1})

    workflow.transition(measures["portal"], Measure.Status.ARCHIVED, coordinator)

    assert counts(client, "region") == (3, {"paijat-hame": 3})
    assert "Open data portal" not in client.get(URL).content.decode()


def test_a_published_expert_opinion_is_counted_at_the_next_request(client, measures):
    assert counts(client, "reviewed") == (3, {})

    make_opinion(measures["hub"], UserFactory(), status="published", published_at=timezone.now())

    assert counts(client, "reviewed") == (3, {"yes": 1})


def test_a_change_made_while_the_bitmaps_are_built_shows_at_the_next_request(
    client, measures, tulln, monkeypatch
):
    build = bitmaps.build

    def build_then_change():
        built = build()
        # Another editor's change lands before this worker stores what it read.
        if measures["hub"].region_id != tulln.pk:
            measures["hub"].region = tulln
            measures["hub"].save()
        return built

    monkeypatch.setattr(bitmaps, "build", build_then_change)

    assert counts(client, "region") == (3, {"paijat-hame": 2, "lower-austria": 1})
    assert counts(client, "region") == (3, {"paijat-hame": 1, "lower-austria": 2})


def test_another_worker_reads_the_bitmaps_from_the_shared_cache_without_a_query(
    client, measures, monkeypatch
):
    client.get(URL)  # this worker builds them and stores them in the shared cache
    first = bitmaps.current()
    # Another worker: nothing in its memory.
    monkeypatch.setattr(bitmaps, "_memory", {"version": None, "values": {}})

    with CaptureQueriesContext(connection) as queries:
        other = bitmaps.current()

    assert len(queries) == 0
    assert other is not first
    assert other.published == first.published
    assert other.options == first.options
    assert list(other.newest.ids) == list(first.newest.ids)


def test_a_worker_reads_the_bitmaps_once_per_version_from_its_memory(client, measures, monkeypatch):
    client.get(URL)
    reads = []
    get = bitmaps.cache.get
    monkeypatch.setattr(bitmaps.cache, "get", lambda key, *args: reads.append(key) or get(key))

    client.get(URL)
    client.get(f"{URL}?region=paijat-hame")

    assert not [key for key in reads if "facet-bitmaps" in key]


def test_the_list_is_counted_from_the_database_when_the_cache_cannot_be_reached(
    client, measures, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(bitmaps.content_version, "current", unreachable)

    total, found = counts(client, "region")

    assert (total, found) == (3, {"paijat-hame": 2, "lower-austria": 1})
