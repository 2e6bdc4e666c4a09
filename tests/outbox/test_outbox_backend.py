"""Every mail sent through django.core.mail waits in the outbox, exactly as written."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection, send_mail
from django.db import transaction
from post_office.models import STATUS, Email

from tests.mailboxes import deliver

pytestmark = pytest.mark.django_db


def test_a_mail_waits_in_the_outbox_until_the_worker_delivers_it(outbox):
    send_mail("Hello", "The body.", "catalogue@example.org", ["anna@example.org"])

    email = Email.objects.get()
    assert email.status == STATUS.queued
    assert email.to == ["anna@example.org"]
    assert mail.outbox == []

    deliver()

    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [
        ("Hello", "The body.", ["anna@example.org"])
    ]
    email.refresh_from_db()
    assert email.status == STATUS.sent


def test_the_text_is_sent_as_written_even_where_it_looks_like_a_template(outbox):
    subject = "About {{ name }}"
    body = "Use {{ name }} for the name, {% now 'Y' %} is no tag here, nor {% no_such_tag %}."

    send_mail(subject, body, "catalogue@example.org", ["anna@example.org"])
    deliver()

    assert Email.objects.get().message == body
    assert (mail.outbox[0].subject, mail.outbox[0].body) == (subject, body)


def test_reply_to_other_headers_and_html_reach_the_recipient(outbox):
    message = EmailMultiAlternatives(
        "Digest",
        "Plain text.",
        "catalogue@example.org",
        ["anna@example.org"],
        reply_to=["jana@example.cz"],
        headers={"List-Unsubscribe": "<https://example.org/unsubscribe/1>"},
    )
    message.attach_alternative("<p>HTML text.</p>", "text/html")

    message.send()
    deliver()

    delivered = mail.outbox[0].message()
    assert delivered["Reply-To"] == "jana@example.cz"
    assert delivered["List-Unsubscribe"] == "<https://example.org/unsubscribe/1>"
    assert mail.outbox[0].alternatives[0][0] == "<p>HTML text.</p>"


def test_a_mail_keeps_its_message_id_from_queue_to_recipient(outbox):
    send_mail("Hello", "Body.", "catalogue@example.org", ["anna@example.org"])
    message_id = Email.objects.get().message_id

    deliver()

    assert message_id
    assert mail.outbox[0].message()["Message-ID"] == message_id


def test_messages_sent_together_are_queued_together_or_not_at_all(outbox):
    good = EmailMessage("Good", "Body.", "catalogue@example.org", ["anna@example.org"])
    bad = EmailMessage("Bad", "Body.", "catalogue@example.org", ["not an address"])

    with pytest.raises(ValidationError):
        get_connection().send_messages([good, bad])

    assert not Email.objects.exists()


def test_a_mail_queued_in_a_transaction_that_rolls_back_is_gone(outbox):
    def send_then_fail():
        with transaction.atomic():
            send_mail("Hello", "Body.", "catalogue@example.org", ["anna@example.org"])
            raise RuntimeError("the change that caused the mail failed")

    with pytest.raises(RuntimeError):
        send_then_fail()

    assert not Email.objects.exists()
    deliver()
    assert mail.outbox == []


def test_the_backend_counts_the_mails_it_queued(outbox):
    messages = [
        EmailMessage("One", "Body.", "catalogue@example.org", ["anna@example.org"]),
        EmailMessage("Two", "Body.", "catalogue@example.org", ["ben@example.org"]),
    ]

    assert get_connection().send_messages(messages) == 2
    assert get_connection().send_messages([]) == 0
