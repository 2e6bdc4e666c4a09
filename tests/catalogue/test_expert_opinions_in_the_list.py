"""The measure list's expert-reviewed facet and its sorts by an expert criterion."""

import re

import pytest
from django.utils import timezone

from measures.models import ExpertOpinion
from tests.factories import MeasureFactory, UserFactory
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status


def publish_opinion(measure, **ratings):
    return make_opinion(
        measure, UserFactory(), status=Status.PUBLISHED, published_at=timezone.now(), **ratings
    )


@pytest.fixture
def measures():
    reviewed_low = MeasureFactory(title="Rated low on relevance")
    reviewed_high = MeasureFactory(title="Rated high on relevance")
    in_review = MeasureFactory(title="Opinion still in review")
    plain = MeasureFactory(title="Never reviewed")
    publish_opinion(reviewed_low, relevance=2, novelty=5)
    publish_opinion(reviewed_high, relevance=5, novelty=1)
    make_opinion(in_review, UserFactory(), status=Status.SUBMITTED, relevance=5)
    return reviewed_low, reviewed_high, in_review, plain


def titles(response):
    return [measure.title for measure in response.context["measures"]]


def test_the_facet_keeps_only_measures_with_a_published_opinion(client, measures):
    response = client.get("/en/measures/?reviewed=yes")

    assert sorted(titles(response)) == ["Rated high on relevance", "Rated low on relevance"]


def test_the_facet_counts_the_reviewed_measures(client, measures):
    response = client.get("/en/measures/")

    reviewed = next(f for f in response.context["facets"] if f["name"] == "reviewed")
    assert reviewed["label"] == "Expert opinion"
    assert reviewed["options"] == [
        {"value": "yes", "label": "Reviewed by an expert", "count": 2, "checked": False}
    ]


def test_the_facet_counts_under_the_other_filters(client, measures):
    response = client.get("/en/measures/?q=relevance")

    reviewed = next(f for f in response.context["facets"] if f["name"] == "reviewed")
    assert reviewed["options"][0]["count"] == 2
    response = client.get("/en/measures/?q=never")
    reviewed = next(f for f in response.context["facets"] if f["name"] == "reviewed")
    assert reviewed["options"][0]["count"] == 0


def test_an_unknown_facet_value_is_reported_not_a_500(client, measures):
    response = client.get("/en/measures/?reviewed=maybe")

    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_sorting_by_relevance_rating_puts_the_best_rated_first(client, measures):
    response = client.get("/en/measures/?sort=rated-relevance")

    assert titles(response)[:2] == ["Rated high on relevance", "Rated low on relevance"]
    assert set(titles(response)[2:]) == {"Opinion still in review", "Never reviewed"}


def test_sorting_by_novelty_rating_turns_the_order_round(client, measures):
    response = client.get("/en/measures/?sort=rated-novelty")

    assert titles(response)[:2] == ["Rated low on relevance", "Rated high on relevance"]


def test_the_sort_offers_every_criterion(client, measures):
    html = client.get("/en/measures/").content.decode()

    for value in ["rated-relevance", "rated-evidence", "rated-transferability", "rated-novelty"]:
        assert re.search(rf'<option value="{value}"', html)


def test_the_list_with_facet_and_rating_sort_stays_at_two_queries(
    client, measures, django_assert_num_queries
):
    client.get("/en/measures/")  # the taxonomy into the cache

    # 1 the counts of every facet's options, the expert-reviewed one included
    # 2 the measures of the page, ordered by their average rating
    with django_assert_num_queries(2):
        response = client.get("/en/measures/?reviewed=yes&sort=rated-evidence")

    assert len(titles(response)) == 2
