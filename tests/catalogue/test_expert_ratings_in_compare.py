"""The comparison shows each measure's expert ratings, criterion by criterion."""

import pytest
from django.utils import timezone

from measures.models import ExpertOpinion
from tests.factories import MeasureFactory, UserFactory
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status


def publish(measure, **ratings):
    make_opinion(
        measure, UserFactory(), status=Status.PUBLISHED, published_at=timezone.now(), **ratings
    )


def rows(response):
    return dict(response.context["rating_rows"])


def test_each_criterion_is_a_row_with_each_measures_rating(client):
    reviewed = MeasureFactory(title="Reviewed twice")
    unreviewed = MeasureFactory(title="Never reviewed")
    publish(reviewed, relevance=5, evidence=3)
    publish(reviewed, relevance=4, evidence=3)
    make_opinion(unreviewed, UserFactory(), status=Status.SUBMITTED)

    response = client.get(f"/en/compare/?m={reviewed.slug}&m={unreviewed.slug}")

    found = {str(label): values for label, values in rows(response).items()}
    assert found["Expert rating: relevance to next-to-metropolis regions"] == [
        "4.5 of 5 (2 opinions)",
        "",
    ]
    assert found["Expert rating: evidence of results"] == ["3 of 5 (2 opinions)", ""]
    assert "No expert opinion" in response.content.decode()


def test_one_opinion_is_shown_without_a_count(client):
    first, second = MeasureFactory(title="First"), MeasureFactory(title="Second")
    publish(first, novelty=2)

    response = client.get(f"/en/compare/?m={first.slug}&m={second.slug}")

    found = {str(label): values for label, values in rows(response).items()}
    assert found["Expert rating: novelty"] == ["2 of 5", ""]


def test_no_rating_rows_when_no_compared_measure_is_reviewed(client):
    first, second = MeasureFactory(title="First"), MeasureFactory(title="Second")

    response = client.get(f"/en/compare/?m={first.slug}&m={second.slug}")

    assert response.context["rating_rows"] == []
    assert "Expert rating" not in response.content.decode()
