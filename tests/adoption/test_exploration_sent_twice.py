"""An organisation's exploration is recorded once per measure.

The same address (trimmed, in any case) sending an entry for the same measure
while its first one still stands (unconfirmed, waiting, shown) makes no second
entry: the address is mailed how far the first one is, with the link to confirm
it again if it never was, within the form's hourly limits. The browser that sent
the first entry is told so on the page; anyone else who types the address sees
the page every sending shows, so the form reveals nothing about another
organisation's address.
"""

import re

import pytest
from django.core import mail
from django.test import Client

from measures.models import Exploration, Measure
from measures.review import explorations
from tests.adoption.test_explorations import ENTRY, link_in, send

pytestmark = pytest.mark.django_db

Status = Exploration.Status
SAME_ADDRESS = "  Digital@LAPPEENRANTA.example "


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


def page_after(client, measure, **changes):
    response = send(client, measure, **changes)
    assert response.status_code == 303
    return client.get(response["Location"]).content.decode()


def without_nonces(html):
    return re.sub(r'nonce="[^"]*"', "", html)


def test_the_same_address_in_another_case_makes_no_second_entry_and_gets_the_link_again(
    client, measure
):
    send(client, measure)
    first_link = link_in(mail.outbox[-1], "explorations/confirm")

    response = send(client, measure, email=SAME_ADDRESS, organisation="Lappeenranta")

    assert response.status_code == 303
    assert Exploration.objects.count() == 1
    again = mail.outbox[-1]
    assert again.to == [ENTRY["email"]]
    assert "no second one was made" in " ".join(again.body.split())
    second_link = link_in(again, "explorations/confirm")
    assert explorations.key_of(second_link.split("/")[-2]) == explorations.key_of(
        first_link.split("/")[-2]
    )
    client.post(second_link)
    assert Exploration.objects.get().status == Status.WAITING


def test_the_browser_that_sent_the_entry_is_told_it_awaits_confirmation(client, measure):
    send(client, measure)

    html = page_after(client, measure, email=SAME_ADDRESS)

    assert "Your entry is already recorded" in html
    assert "Its address is not confirmed yet: we sent the link to confirm it again." in html


def test_the_browser_that_sent_the_entry_is_told_it_awaits_approval(client, measure, coordinator):
    send(client, measure)
    client.post(link_in(mail.outbox[-1], "explorations/confirm"))
    sent = len(mail.outbox)

    html = page_after(client, measure, email=SAME_ADDRESS)

    assert "It is waiting for a coordinator&#x27;s approval." in html
    assert Exploration.objects.count() == 1
    recorded = mail.outbox[sent]
    assert recorded.subject == f"Your entry for “{measure.title}” is already recorded"
    assert "A coordinator reads the entry before it is shown" in recorded.body
    assert "/en/explorations/confirm/" not in recorded.body


def test_the_browser_that_sent_the_entry_is_told_it_is_shown(client, measure, coordinator):
    send(client, measure)
    client.post(link_in(mail.outbox[-1], "explorations/confirm"))
    explorations.approve(Exploration.objects.get(), coordinator)

    html = page_after(client, measure, email=SAME_ADDRESS)

    assert "already recorded and shown on the measure&#x27;s page" in html
    assert Exploration.objects.count() == 1
    assert f"http://testserver/en/measures/{measure.slug}/" in mail.outbox[-1].body


@pytest.mark.parametrize("first", ["unconfirmed", "waiting", "published"])
def test_another_browser_sees_what_any_sending_shows(client, measure, coordinator, first):
    send(client, measure)
    if first != "unconfirmed":
        client.post(link_in(mail.outbox[-1], "explorations/confirm"))
    if first == "published":
        explorations.approve(Exploration.objects.get(), coordinator)

    someone_else = page_after(Client(), measure, email=SAME_ADDRESS)
    a_new_address = page_after(Client(), measure, email="other@example.org")

    assert without_nonces(someone_else) == without_nonces(a_new_address)
    assert "already recorded" not in someone_else
    assert "Check your inbox" in someone_else
    assert "If this address has sent one before" in someone_else
    assert Exploration.objects.count() == 2


@pytest.mark.parametrize("step", [explorations.decline, "withdraw"])
def test_a_declined_or_withdrawn_entry_may_be_sent_again(client, measure, coordinator, step):
    send(client, measure)
    client.post(link_in(mail.outbox[-1], "explorations/confirm"))
    first = Exploration.objects.get()
    if step == "withdraw":
        explorations.withdraw(first.key)
    else:
        step(first, coordinator)

    send(client, measure, email=SAME_ADDRESS)

    assert Exploration.objects.count() == 2
    assert Exploration.objects.latest("pk").status == Status.UNCONFIRMED


def test_the_same_address_may_explore_another_measure(client, measure, make_measure):
    other = make_measure(partner="b", status=Measure.Status.PUBLISHED)
    send(client, measure)

    send(client, other, email=SAME_ADDRESS)

    assert Exploration.objects.count() == 2


def test_sending_again_counts_against_the_limits(client, measure):
    # Three mails a day to one address (measures.visitors.explorations.LIMIT_PER_RECIPIENT).
    for _ in range(3):
        assert send(client, measure).status_code == 303
    sent = len(mail.outbox)

    response = send(client, measure)

    assert response.status_code == 429
    assert len(mail.outbox) == sent
    assert Exploration.objects.count() == 1
