"""A measure's page shows its published expert opinions, with ratings, reasons and the reply."""

import pytest
from django.utils import timezone

from measures.models import ExpertOpinion
from tests.factories import MeasureFactory, UserFactory
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status


@pytest.fixture
def measure():
    return MeasureFactory(title="Village e-service helpers")


def page_of(client, measure, language="en"):
    return client.get(f"/{language}/measures/{measure.slug}/").content.decode()


def test_published_opinion_shows_expert_affiliation_date_and_ratings(client, measure):
    make_opinion(
        measure,
        UserFactory(),
        status=Status.PUBLISHED,
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 20, 10)),
    )

    html = page_of(client, measure)

    assert '<h2 id="expert-opinions-heading">Expert opinions</h2>' in html
    assert "Dr. Maria Nowak" in html
    assert "University of Łódź, regional economics" in html
    assert '<time datetime="2026-11-20">' in html
    assert "Relevance to next-to-metropolis regions" in html
    assert "5 of 5" in html
    assert "Made for villages an hour from a capital." in html
    assert "Evidence of results" in html
    assert "3 of 5" in html
    assert "Transferability" in html
    assert "Novelty" in html
    assert "Similar portals exist in Estonia." in html


def test_editors_reply_is_shown_beside_the_opinion(client, measure):
    make_opinion(
        measure,
        UserFactory(),
        status=Status.PUBLISHED,
        published_at=timezone.now(),
        reply="We now publish a comparison group.",
    )

    html = page_of(client, measure)

    assert "Reply by the measure's editors" in html
    assert "We now publish a comparison group." in html


@pytest.mark.parametrize("state", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED])
def test_unpublished_opinion_is_not_shown(client, measure, state):
    make_opinion(measure, UserFactory(), status=state, text="An opinion still in review.")

    html = page_of(client, measure)

    assert "An opinion still in review." not in html
    assert "expert-opinions-heading" not in html


def test_opinion_text_is_marked_english_on_a_page_in_another_language(client, measure):
    make_opinion(measure, UserFactory(), status=Status.PUBLISHED, published_at=timezone.now())

    html = page_of(client, measure, "de")

    assert '<div class="expert-opinion__text" lang="en">' in html
