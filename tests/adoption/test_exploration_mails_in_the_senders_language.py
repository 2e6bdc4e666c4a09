"""The mails to an exploring organisation are in the language of the page it sent the form
from: the measure's title in that language where translated, and links to that language's pages."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from measures.models import Exploration, Measure, MeasureTranslation
from measures.review import explorations
from tests.adoption.test_explorations import ENTRY

pytestmark = pytest.mark.django_db

GERMAN_TITLE = "Pflege zu Hause per Video"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def measure(make_measure):
    measure = make_measure(partner="a", status=Measure.Status.PUBLISHED)
    MeasureTranslation.objects.create(
        measure=measure, language="de", title=GERMAN_TITLE, summary="Pflege per Video."
    )
    return measure


def send_in_german(client, measure):
    return client.post(f"/de/measures/{measure.slug}/explore/", ENTRY)


def test_the_confirmation_mail_names_the_german_title_and_links_german_pages(client, measure):
    send_in_german(client, measure)

    [message] = mail.outbox
    assert GERMAN_TITLE in message.subject
    assert measure.title not in message.subject
    assert GERMAN_TITLE in message.body
    assert measure.title not in message.body
    assert re.search(r"http://testserver/de/explorations/confirm/", message.body)
    assert "/en/" not in message.body


def test_the_mail_of_an_entry_sent_again_is_in_german_too(client, measure):
    send_in_german(client, measure)
    send_in_german(client, measure)

    again = mail.outbox[-1]
    assert GERMAN_TITLE in again.subject
    assert GERMAN_TITLE in again.body


def test_the_mail_that_the_entry_is_public_is_in_german_with_the_german_page(
    client, measure, coordinator
):
    send_in_german(client, measure)
    exploration = Exploration.objects.get()
    explorations.confirm(exploration)
    mail.outbox.clear()

    explorations.approve(exploration, coordinator)

    [public] = [message for message in mail.outbox if message.to == [ENTRY["email"]]]
    assert GERMAN_TITLE in public.subject
    assert GERMAN_TITLE in public.body
    assert f"http://testserver/de/measures/{measure.slug}/" in public.body
    assert "/en/" not in public.body


def test_an_english_sender_reads_the_english_title(client, measure):
    client.post(f"/en/measures/{measure.slug}/explore/", ENTRY)

    [message] = mail.outbox
    assert measure.title in message.subject
    assert GERMAN_TITLE not in message.body
