"""A published measure's page says when its facts were last verified."""

import datetime

import pytest
from django.utils import timezone

from tests.freshness import days_ago, measure_verified

pytestmark = pytest.mark.django_db


def test_detail_page_shows_the_day_the_facts_were_last_verified(client, witeno_region):
    measure = measure_verified(witeno_region, 40)

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()

    day = days_ago(40)
    assert "Last verified" in html
    assert f'<time datetime="{day:%Y-%m-%d}">{day.day} {day:%B %Y}</time>' in html
    assert "more than a year ago" not in html


def test_detail_page_notes_gently_when_the_facts_are_over_a_year_old(client, witeno_region):
    measure = measure_verified(witeno_region, 400)

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()

    assert "Last verified" in html
    # The date may be the partner's confirmation or, for seed data, that of the newest
    # source, so the note says what the date says and no more.
    assert "These facts were last verified more than a year ago" in html


def test_a_measure_never_verified_counts_from_its_publication(client, witeno_region):
    published = timezone.now() - datetime.timedelta(days=500)
    measure = measure_verified(witeno_region, 0, published_at=published)
    measure.last_verified = None
    measure.save()

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()

    # No date of verification is made up from the publication; the year still counts from it.
    assert "Not yet verified by its partner" in html
    assert "has not verified these facts since they were published more than a year ago" in html


def test_twelve_months_to_the_day_is_not_yet_overdue(witeno_region):
    today = timezone.localdate()
    a_year_ago = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else None
    if a_year_ago is None:
        pytest.skip("29 February has no day a year before")
    on_the_day = measure_verified(witeno_region, (today - a_year_ago).days)
    a_day_later = measure_verified(witeno_region, (today - a_year_ago).days + 1)

    assert not on_the_day.is_verification_overdue
    assert a_day_later.is_verification_overdue
