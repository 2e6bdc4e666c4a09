"""The limits of the exploration form: per connection and per e-mail address, never per
measure alone, so the form mails nobody often and a few connections close no measure's form."""

import pytest
from django.core import mail
from django.core.cache import cache

from measures.models import Exploration, Measure

pytestmark = pytest.mark.django_db

ENTRY = {
    "organisation": "Municipality of Lappeenranta",
    "region_name": "South Karelia",
    "country": "FI",
    "email": "digital@lappeenranta.example",
    "public_body": "on",
}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def measures(make_measure):
    return [make_measure(partner="a", status=Measure.Status.PUBLISHED) for _ in range(5)]


def send(client, measure, connection="203.0.113.7", **changes):
    return client.post(
        f"/en/measures/{measure.slug}/explore/",
        {**ENTRY, **changes},
        REMOTE_ADDR=connection,
    )


def test_one_address_gets_at_most_three_confirmation_mails_a_day_across_measures(client, measures):
    for n, measure in enumerate(measures[:3]):
        assert send(client, measure, connection=f"203.0.113.{n}").status_code == 303

    response = send(client, measures[3], connection="198.51.100.9")

    assert response.status_code == 429
    assert "as many mails as we send to one address in a day" in response.content.decode()
    assert len(mail.outbox) == 3
    assert Exploration.objects.count() == 3


def test_the_address_is_counted_as_typed_in_any_case(client, measures):
    for n, measure in enumerate(measures[:3]):
        send(
            client,
            measure,
            connection=f"203.0.113.{n}",
            email=f" Digital@Lappeenranta.example{'' if n else ' '}",
        )

    response = send(
        client, measures[3], connection="198.51.100.9", email="DIGITAL@lappeenranta.example"
    )

    assert response.status_code == 429


def test_the_address_limit_lasts_a_day(client, measures, monkeypatch):
    seconds = []
    add = cache.add
    monkeypatch.setattr(
        cache,
        "add",
        lambda key, value, timeout: seconds.append((key, timeout)) or add(key, value, timeout),
    )

    send(client, measures[0])

    assert [timeout for key, timeout in seconds if key.startswith("explore:recipient:")] == [86400]
    assert [timeout for key, timeout in seconds if key.startswith("explore:address:")] == [3600]


def test_a_few_connections_do_not_close_a_measures_form_to_everyone(client, measures):
    crowded = measures[0]
    for connection in range(6):
        for n in range(5):
            sent = send(
                client,
                crowded,
                connection=f"203.0.113.{connection}",
                organisation=f"Body {connection}-{n}",
                email=f"body{connection}-{n}@example.org",
            )
            assert sent.status_code == 303

    response = send(client, crowded, connection="198.51.100.9")

    assert response.status_code == 303
    assert Exploration.objects.filter(measure=crowded).count() == 31


def test_a_connection_is_still_limited_to_five_entries_an_hour(client, measures):
    for n in range(5):
        send(client, measures[n % 5], organisation=f"Body {n}", email=f"body{n}@example.org")

    response = send(client, measures[0], email="another@example.org")

    assert response.status_code == 429
    assert "from your connection in the last hour" in response.content.decode()
