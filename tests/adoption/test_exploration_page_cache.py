"""With the page cache on, every change of an exploration's state shows at the next visit."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from measures.models import Measure
from measures.review import explorations
from tests.adoption.test_explorations import link_in, sent_and_confirmed
from tests.factories import MeasureFactory
from tests.perf.conftest import LOCAL_MEMORY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(CACHES=LOCAL_MEMORY, N2M_PAGE_CACHE_TIMEOUT=600):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


def cached_page(client, url):
    """The page at `url` as an anonymous visitor gets it, read twice so the second is cached."""
    client.get(url)
    response = client.get(url)
    return response


def test_an_approved_exploration_shows_on_the_cached_measure_page(client, measure, coordinator):
    url = f"/en/measures/{measure.slug}/"
    exploration = sent_and_confirmed(client, measure)
    assert cached_page(client, url)["X-Page-Cache"] == "hit"

    explorations.approve(exploration, coordinator)

    assert "Municipality of Lappeenranta" in client.get(url).content.decode()


def test_a_withdrawn_exploration_leaves_the_cached_measure_page_and_its_etag(
    client, measure, coordinator
):
    url = f"/en/measures/{measure.slug}/"
    exploration = sent_and_confirmed(client, measure)
    explorations.approve(exploration, coordinator)
    withdraw = link_in(mail.outbox[-1], "explorations/withdraw")
    before = cached_page(client, url)
    assert before["X-Page-Cache"] == "hit"
    assert "Municipality of Lappeenranta" in before.content.decode()

    client.post(withdraw)

    after = client.get(url)
    assert "Municipality of Lappeenranta" not in after.content.decode()
    assert after["ETag"] != before["ETag"]
    assert client.get(url, headers={"If-None-Match": before["ETag"]}).status_code == 200


def test_a_withdrawn_exploration_leaves_the_cached_transfers_page(client, measure, coordinator):
    exploration = sent_and_confirmed(client, measure)
    explorations.approve(exploration, coordinator)
    assert "South Karelia" in cached_page(client, "/en/transfers/").content.decode()

    explorations.withdraw(exploration.key)

    assert "South Karelia" not in client.get("/en/transfers/").content.decode()


def test_an_adoption_shows_on_the_cached_measure_page(client, measure, coordinator):
    url = f"/en/measures/{measure.slug}/"
    exploration = sent_and_confirmed(client, measure)
    explorations.approve(exploration, coordinator)
    assert "adopted it" not in cached_page(client, url).content.decode()

    explorations.record_adoption(exploration, MeasureFactory(title="Village care"), coordinator)

    assert "adopted it" in client.get(url).content.decode()
