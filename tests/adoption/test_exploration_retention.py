"""What an exploring organisation's entry keeps, and for how long.

An entry never confirmed is deleted once its link has expired, by the nightly
clean-up and by the page of the expired link, which says so and that sending
the entry again makes a new one in its place; sending again before then makes
the latest sending count, with a new link. A declined entry forgets its address
30 days after the decision. The privacy notice says all of this.
"""

import re
import time
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from measures.models import Exploration, Measure
from measures.review import explorations
from tests.adoption.test_explorations import link_in, send

pytestmark = pytest.mark.django_db

Status = Exploration.Status


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


@contextmanager
def days_from_now(days):
    """The clock of the site and of its signed links moved by `days` (negative: the past)."""
    real_now, shift = timezone.now, timedelta(days=days)
    clock = SimpleNamespace(time=lambda: time.time() + shift.total_seconds())
    with (
        mock.patch("django.utils.timezone.now", side_effect=lambda: real_now() + shift),
        mock.patch("django.core.signing.time", clock),
    ):
        yield


def entry(measure, status, days_ago=0, **fields):
    moment = timezone.now() - timedelta(days=days_ago)
    exploration = Exploration.objects.create(
        measure=measure,
        organisation=fields.pop("organisation", "Municipality of Lappeenranta"),
        region_name="South Karelia",
        country="FI",
        email=fields.pop("email", "digital@lappeenranta.example"),
        status=status,
        **fields,
    )
    Exploration.objects.filter(pk=exploration.pk).update(created_at=moment)
    return exploration


def clean_up():
    out = StringIO()
    call_command("clean_up_explorations", stdout=out)
    return out.getvalue()


def test_the_nightly_clean_up_deletes_entries_whose_link_expired_unconfirmed(measure):
    stale = entry(measure, Status.UNCONFIRMED, days_ago=4, email="stale@example.org")
    fresh = entry(measure, Status.UNCONFIRMED, days_ago=2, email="fresh@example.org")
    confirmed = entry(measure, Status.WAITING, days_ago=10, email="waiting@example.org")

    output = clean_up()

    assert "1 entries never confirmed deleted" in output
    assert not Exploration.objects.filter(pk=stale.pk).exists()
    assert set(Exploration.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}


def test_a_declined_entry_forgets_its_address_thirty_days_after_the_decision(measure):
    old = entry(
        measure,
        Status.DECLINED,
        email="old@example.org",
        decided_at=timezone.now() - timedelta(days=31),
    )
    recent = entry(
        measure,
        Status.DECLINED,
        email="recent@example.org",
        decided_at=timezone.now() - timedelta(days=29),
    )
    shown = entry(measure, Status.PUBLISHED, days_ago=400, email="shown@example.org")

    output = clean_up()

    assert "1 declined entries forgot their address" in output
    old.refresh_from_db()
    recent.refresh_from_db()
    shown.refresh_from_db()
    assert (old.email, old.organisation) == ("", "Municipality of Lappeenranta")
    assert recent.email == "recent@example.org"
    assert shown.email == "shown@example.org"


def test_sending_again_unconfirmed_counts_the_latest_sending_and_its_new_link(client, measure):
    with days_from_now(-2):
        send(client, measure, organisation="Lappeenranta")
    send(client, measure, organisation="City of Lappeenranta", note="Now with a note.")

    exploration = Exploration.objects.get()
    assert exploration.organisation == "City of Lappeenranta"
    assert exploration.note == "Now with a note."
    assert timezone.now() - exploration.created_at < timedelta(minutes=1)
    with days_from_now(2):
        clean_up()
    assert Exploration.objects.filter(pk=exploration.pk).exists()


def test_an_expired_link_says_the_entry_is_deleted_and_how_to_send_it_again(client, measure):
    with days_from_now(-4):
        send(client, measure)
        link = link_in(mail.outbox[-1], "explorations/confirm")

    response = client.get(link)

    assert response.status_code == 410
    text = " ".join(response.content.decode().split())
    assert "This link has expired" in text
    assert "so the entry has been deleted, with its e-mail address" in text
    assert "The new entry takes the place of the old one" in text
    assert f'href="/en/measures/{measure.slug}/explore/"' in text
    assert not Exploration.objects.exists()
    assert send(client, measure).status_code == 303
    assert Exploration.objects.get().status == Status.UNCONFIRMED


def test_an_expired_link_of_an_entry_sent_again_since_points_to_the_newer_mail(client, measure):
    with days_from_now(-4):
        send(client, measure)
        old_link = link_in(mail.outbox[-1], "explorations/confirm")
    send(client, measure)

    response = client.get(old_link)

    assert response.status_code == 410
    assert "Please use the link in the latest e-mail" in response.content.decode()
    assert Exploration.objects.get().status == Status.UNCONFIRMED


def test_an_expired_link_of_a_confirmed_entry_leads_to_the_entry(client, measure):
    with days_from_now(-4):
        send(client, measure)
        link = link_in(mail.outbox[-1], "explorations/confirm")
        client.post(link)

    response = client.get(link)

    assert response.status_code == 303
    assert response["Location"].startswith("/en/explorations/withdraw/")


def test_the_confirmation_link_of_a_withdrawn_entry_says_it_was_withdrawn(client, measure):
    send(client, measure)
    link = link_in(mail.outbox[-1], "explorations/confirm")
    explorations.withdraw(Exploration.objects.get().key)

    response = client.get(link)

    assert response.status_code == 410
    html = response.content.decode()
    assert "This entry was withdrawn" in html
    assert "its e-mail address has been deleted" in html
    assert "no longer exists" not in html


def test_the_entry_page_says_in_a_sentence_what_the_entry_says(client, measure):
    send(client, measure)
    link = link_in(mail.outbox[-1], "explorations/confirm")
    response = client.post(link, follow=True)

    text = " ".join(response.content.decode().split())
    assert "Your entry says that Municipality of Lappeenranta (South Karelia) is exploring" in text


def test_the_public_body_box_stands_beside_its_label(client, measure):
    html = client.get(f"/en/measures/{measure.slug}/explore/").content.decode()

    check = re.search(r'<div class="form-field__check">(.*?)</div>', html, re.S).group(1)
    assert 'type="checkbox" name="public_body"' in check
    assert "I work for a public body, or on its behalf</label>" in check


def test_the_privacy_notice_says_what_an_exploring_entry_keeps_and_for_how_long(client):
    text = " ".join(client.get("/en/privacy/").content.decode().split())

    assert "Saying that your region is exploring a measure" in text
    assert "your organisation, its region and country, your e-mail address, your note" in text
    assert "within 3 days, the entry is deleted, with the address" in text
    assert "its address is deleted 30 days after the decision" in text
    assert "withdrawing hides the entry at once and deletes the address" in text
    assert "the form of a region exploring a measure" in text
