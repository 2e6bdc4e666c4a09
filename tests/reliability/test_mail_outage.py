"""A mail server outage loses no mail and sends none twice: a real SMTP server, down, then up.

The project's own mail settings (next2met/settings.py, read afresh with the
variables an operator sets) point at an SMTP server (aiosmtpd) on a free port of
this machine. While nothing listens there, an editor submits a measure, a
coordinator publishes it, the editor's proposed changes are approved and a
visitor writes through the contact form: every mail waits in the outbox, the
worker's tries are refused and spaced out, and the visitor is told the message
is sent. Then the server starts, the worker runs, and every mail arrives once,
with its recipients, subject and body; further rounds send nothing again.

Each step commits, as it does in production (a transactional test). The figures
of the run are printed (`pytest -s` shows them).
"""

import runpy
import socket
import time
from collections import Counter
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from post_office.models import STATUS, Email

from measures.models import Measure
from measures.review import workflow
from measures.visitors import contact
from tests.factories import CategoryFactory, PartnerFactory, RegionFactory, TargetGroupFactory
from tests.mailboxes import deliver
from tests.staff import complete_measure, create_staff_user

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
Status = Measure.Status
TITLE = "Village e-service points"
# The settings a deployment's mail depends on, as next2met/settings.py makes them.
MAIL_SETTINGS = [
    "EMAIL_BACKEND",
    "POST_OFFICE",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_TIMEOUT",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "N2M_MAIL_RETRY_FIRST_SECONDS",
    "N2M_MAIL_RETRY_MAX_SECONDS",
    "N2M_MAIL_LOCK_FILE",
]


class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message) per mail."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append((sorted(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def project_mail_settings(monkeypatch, port, lock_file):
    """The mail settings next2met/settings.py gives an operator's environment."""
    environment = {
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_TIMEOUT": "5",
        "EMAIL_USE_TLS": "false",
        # Short waits, so the test sees them grow within seconds: 1 s, then 2 s.
        "N2M_MAIL_RETRY_FIRST_SECONDS": "1",
        "N2M_MAIL_RETRY_MAX_SECONDS": "2",
        "N2M_MAIL_LOCK_FILE": str(lock_file),
    }
    with monkeypatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        values = runpy.run_path(str(ROOT / "next2met" / "settings.py"))
    return {name: values[name] for name in MAIL_SETTINGS}


def subject_of(message):
    # Decoded by the RFC 2047 rules: the modern parser keeps the space of a folded
    # first line ("Subject:\n =?utf-8?q?...") as part of the text.
    raw = dict(message.raw_items())["Subject"]
    return str(make_header(decode_header(raw)))


def body_of(message):
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n").rstrip("\n")


def wait_until_due(limit_seconds=5):
    """Sleep until every mail waiting for a retry is due (at most `limit_seconds`)."""
    latest = (
        Email.objects.filter(status=STATUS.requeued)
        .order_by("-scheduled_time")
        .values_list("scheduled_time", flat=True)
        .first()
    )
    if latest is not None:
        time.sleep(min(max((latest - timezone.now()).total_seconds(), 0) + 0.05, limit_seconds))


@pytest.fixture
def people():
    partner = PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno")
    lead = PartnerFactory(name="Lahti University", short_name="LUT", slug="lut")
    return {
        "editor": create_staff_user("erika", partner, "editor"),
        "colleague": create_staff_user("carl", partner, "editor"),
        "coordinator": create_staff_user("cora", lead, "coordinator"),
        "partner": partner,
    }


@pytest.fixture
def draft(people):
    region = RegionFactory(
        name="Vorpommern-Greifswald", slug="vorpommern", partner=people["partner"]
    )
    return complete_measure(
        region,
        CategoryFactory(slug="e-services"),
        TargetGroupFactory(slug="older-people"),
        title=TITLE,
        slug="village",
    )


def make_every_kind_of_mail(client, people, measure):
    """A submission, a publication, a decided revision and a contact message."""
    editor, coordinator = people["editor"], people["coordinator"]
    workflow.transition(measure, Status.SUBMITTED, editor)
    workflow.transition(measure, Status.PUBLISHED, coordinator)
    revision = workflow.propose_revision(measure, {"summary": "Now in every village."}, editor)
    workflow.approve_revision(revision, coordinator, "Thank you.")
    return client.post(
        f"/en/measures/{measure.slug}/contact/",
        {
            "name": "Jana Nováková",
            "email": "jana@example.cz",
            "organisation": "Region of South Bohemia",
            "message": "We would like to adapt the e-service points. Who could we talk to?",
            "website": "",
            "started": contact.form_token(measure, time.time() - 30),
        },
    )


# (recipient, subject) of every mail those steps send; the visitor's copy is checked apart.
EXPECTED = Counter(
    [
        ("cora@example.org", f"For review: {TITLE}"),
        ("carl@example.org", f"Published: {TITLE}"),
        ("erika@example.org", f"Published: {TITLE}"),
        ("cora@example.org", f"Changes to review: {TITLE}"),
        ("carl@example.org", f"Your changes to {TITLE}: approved"),
        ("erika@example.org", f"Your changes to {TITLE}: approved"),
        ("carl@example.org", f"Message about “{TITLE}” from Jana Nováková"),
        ("erika@example.org", f"Message about “{TITLE}” from Jana Nováková"),
    ]
)


def test_a_mail_server_outage_loses_no_mail_and_sends_none_twice(
    client, settings, monkeypatch, tmp_path, people, draft
):
    port = free_port()
    for name, value in project_mail_settings(monkeypatch, port, tmp_path / "lock").items():
        setattr(settings, name, value)
    started = time.monotonic()

    # The mail server is down (nothing listens on the port) for everything that happens.
    response = make_every_kind_of_mail(client, people, draft)
    assert response.status_code == 302, "the visitor is told the message is sent"
    assert response["Location"].endswith("/contact/sent/")
    queued = Email.objects.count()
    assert queued == sum(EXPECTED.values()) + 1

    refused_rounds = []
    for _ in range(2):
        wait_until_due()
        deliver()
        refused_rounds.append(dict(Counter(Email.objects.values_list("status", flat=True))))
    waits = sorted(
        {
            round((email.scheduled_time - email.last_updated).total_seconds())
            for email in Email.objects.all()
        }
    )
    assert refused_rounds == [{STATUS.requeued: queued}, {STATUS.requeued: queued}]
    assert set(Email.objects.values_list("number_of_retries", flat=True)) == {2}
    assert waits == [2], "after the second refusal each mail waits 2 s, after the first 1 s"
    outage_seconds = time.monotonic() - started

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        wait_until_due()
        back = time.monotonic()
        deliver()
        delivered_seconds = time.monotonic() - back
        assert Email.objects.filter(status=STATUS.sent).count() == queued
        first_count = len(inbox.received)
        for _ in range(2):
            deliver()
    finally:
        server.stop()

    # Every mail arrived once, with the recipients, subject and body it was queued with.
    assert len(inbox.received) == first_count == queued
    by_id = {message["Message-ID"]: (rcpts, message) for rcpts, message in inbox.received}
    assert len(by_id) == queued
    for email in Email.objects.all():
        recipients, message = by_id[email.message_id]
        assert recipients == sorted(email.to)
        assert subject_of(message) == email.subject
        assert body_of(message) == email.message.rstrip("\n")

    received = Counter(
        (recipient, subject_of(message))
        for recipients, message in inbox.received
        for recipient in recipients
    )
    copy = [message for recipients, message in inbox.received if recipients == ["jana@example.cz"]]
    assert received - Counter({("jana@example.cz", subject_of(copy[0])): 1}) == EXPECTED
    relayed = [message for _, message in inbox.received if "from Jana" in subject_of(message)]
    for message in relayed:
        assert message["Reply-To"] == "jana@example.cz"
        assert "Who could we talk to?" in body_of(message)
    published = next(m for _, m in inbox.received if subject_of(m).startswith("Published"))
    assert "http://testserver/en/measures/village/" in body_of(published)

    print(
        f"\nMail outage: {queued} mails queued while the SMTP server was down "
        f"({outage_seconds:.1f} s, {len(refused_rounds)} worker rounds: "
        f"{queued * len(refused_rounds)} tries refused, 0 delivered, 0 lost; "
        f"waits of 1 s, then 2 s). Server back: {first_count} delivered in "
        f"{delivered_seconds:.1f} s; 2 further rounds sent 0 again. "
        f"Total {time.monotonic() - started:.1f} s."
    )
