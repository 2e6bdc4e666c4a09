"""Delivered mails name the site in their Message-ID and give their Date a real offset."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import send_mail

from tests.mailboxes import deliver

pytestmark = pytest.mark.django_db


def delivered_headers():
    send_mail("Hello", "The body.", "catalogue@example.org", ["anna@example.org"])
    deliver()
    (message,) = mail.outbox
    return message.message()


def test_the_message_id_names_the_sites_domain(outbox):
    message_id = delivered_headers()["Message-ID"]

    domain = urlsplit(settings.SITE_URL).hostname
    assert message_id.endswith(f"@{domain}>")
    assert not message_id.endswith("@localhost>")


def test_the_date_carries_a_real_offset_from_utc(outbox):
    date = delivered_headers()["Date"]

    assert re.search(r" [+-]\d{4}$", date)
    assert not date.endswith("-0000")
