"""The comparison choice in the session: what "Add to comparison" and "Compare" keep."""

import pytest

from measures.models import Measure
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

CHOOSE = "/en/compare/choose/"
CHOSEN = "/en/compare/chosen.json"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def measures(witeno_region):
    return [
        MeasureFactory(region=witeno_region, title=f"Measure {n}", slug=f"measure-{n}")
        for n in range(1, 5)
    ]


def chosen(client):
    return client.get(CHOSEN).json()["chosen"]


@pytest.fixture
def csrf_client(client):
    client.handler.enforce_csrf_checks = True
    return client


def test_a_measure_is_chosen_without_a_csrf_token_and_the_visitor_goes_back(csrf_client, measures):
    response = csrf_client.post(CHOOSE, {"m": "measure-1", "next": "/en/measures/?page=2"})

    assert response.status_code == 303
    assert response["Location"] == "/en/measures/?page=2#in-comparison-measure-1"
    assert chosen(csrf_client) == ["measure-1"]


def test_the_newest_three_are_kept(client, measures):
    for measure in measures:
        client.post(CHOOSE, {"m": measure.slug}, **JSON)

    assert chosen(client) == ["measure-2", "measure-3", "measure-4"]


def test_unticking_takes_a_measure_out(client, measures):
    client.post(CHOOSE, {"m": ["measure-1", "measure-2"]}, **JSON)

    answer = client.post(CHOOSE, {"m": "measure-1", "action": "remove"}, **JSON).json()

    assert answer == {"chosen": ["measure-2"], "url": "/en/compare/?m=measure-2"}


def test_replace_makes_the_ticked_measures_the_whole_choice(client, measures):
    client.post(CHOOSE, {"m": ["measure-1", "measure-2"]}, **JSON)

    response = client.post(CHOOSE, {"m": ["measure-3", "measure-4"], "replace": "1"})

    assert response["Location"] == "/en/compare/?m=measure-3&m=measure-4"


@pytest.mark.parametrize("slug", ["unknown", "", " ", "x" * 500])
def test_unknown_slugs_choose_nothing(client, measures, slug):
    client.post(CHOOSE, {"m": slug}, **JSON)

    assert chosen(client) == []


def test_an_unpublished_measure_cannot_be_chosen(client, measures):
    Measure.objects.filter(slug="measure-1").update(status=Measure.Status.DRAFT)

    client.post(CHOOSE, {"m": "measure-1"}, **JSON)

    assert chosen(client) == []


@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"]
)
def test_the_visitor_is_never_sent_to_another_site(client, measures, next_url):
    response = client.post(CHOOSE, {"m": "measure-1", "next": next_url})

    assert response["Location"] == "/en/compare/?m=measure-1"


def test_a_post_from_another_sites_page_is_refused(client, measures):
    response = client.post(CHOOSE, {"m": "measure-1"}, HTTP_ORIGIN="https://elsewhere.example")

    assert response.status_code == 403
    assert chosen(client) == []


def test_the_choice_is_private_to_the_visitor(client, measures):
    response = client.get(CHOSEN)

    assert "no-store" in response["Cache-Control"]
    assert response.json() == {"chosen": [], "url": "/en/compare/"}


def test_choosing_takes_a_post(client):
    assert client.get(CHOOSE).status_code == 405
