"""The back office writes dates in its language's own format, English the European way."""

from datetime import UTC, datetime

import pytest

from measures.models import Measure
from tests.admin.test_review_queue import QUEUE, text_of

pytestmark = pytest.mark.django_db

# 14:41 in Brussels, the site's time zone.
SUBMITTED = datetime(2026, 12, 3, 13, 41, tzinfo=UTC)


@pytest.fixture
def submitted(make_measure):
    return make_measure("a", Measure.Status.SUBMITTED, title="Waiting", submitted_at=SUBMITTED)


@pytest.mark.parametrize(
    ("language", "written", "not_written"),
    [
        ("de", "3. Dezember 2026 14:41", "3 Dez 2026"),
        ("en", "3 December 2026, 14:41", "3 Dec 2026"),
    ],
)
def test_the_review_queue_dates_a_submission_in_the_admins_language(
    client, coordinator, submitted, language, written, not_written
):
    client.force_login(coordinator)

    text = text_of(client.get(QUEUE, headers={"accept-language": language}))

    assert written in text
    assert not_written not in text
