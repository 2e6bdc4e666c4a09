"""`manage.py deliver_mail`: the worker that empties the outbox, once or until it is stopped."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import OperationalError
from post_office.models import STATUS, Email

from next2met.management.commands import deliver_mail
from next2met.outbox import delivery
from tests.mailboxes import LOCMEM, deliver, use_outbox

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def outbox(settings, tmp_path):
    use_outbox(settings, tmp_path, LOCMEM)
    return settings


def test_once_delivers_what_is_due_and_says_so(outbox):
    send_mail("Hello", "Body.", "catalogue@example.org", ["anna@example.org"])

    output = deliver()

    assert output == "Outbox: 1 sent, 0 to retry later, 0 failed for good; 0 waiting.\n"
    assert len(mail.outbox) == 1


def test_a_second_worker_stands_by_while_the_first_delivers(outbox):
    send_mail("Hello", "Body.", "catalogue@example.org", ["anna@example.org"])

    with delivery.only_worker():
        output = deliver()

    assert "Another worker is delivering the outbox" in output
    assert Email.objects.get().status == STATUS.queued
    assert mail.outbox == []


def test_a_failing_round_does_not_end_the_worker(outbox, monkeypatch):
    stop = deliver_mail.StopFlag()
    rounds = []

    def deliver_due(should_stop):
        rounds.append(should_stop)
        if len(rounds) == 1:
            raise OperationalError("the database went away")
        stop.request()
        return delivery.Figures()

    monkeypatch.setattr(delivery, "deliver_due", deliver_due)

    deliver_mail.Command().deliver(stop, once=False, interval=0)

    assert len(rounds) == 2


def read_until(stream, text, seconds=60):
    """The lines of `stream` up to the first that holds `text`; fails after `seconds`."""
    lines = []
    found = threading.Event()

    def read():
        for line in stream:
            lines.append(line)
            if text in line:
                found.set()
                return

    threading.Thread(target=read, daemon=True).start()
    assert found.wait(seconds), f"no {text!r} in:\n{''.join(lines)}"
    return "".join(lines)


@pytest.mark.django_db(databases=[])
def test_the_worker_delivers_then_stops_cleanly_on_sigterm(tmp_path):
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "N2M_MAIL_LOCK_FILE": str(tmp_path / "deliver-mail.lock"),
    }
    manage = [sys.executable, "manage.py"]

    def run(*args):
        subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, capture_output=True)

    # The outbox's tables are all the worker needs (auth first: post_office's permissions).
    run("migrate", "auth", "--noinput")
    run("migrate", "post_office", "--noinput")
    send = (
        "from django.core.mail import send_mail; send_mail('Hello', 'Body.', None, ['anna@x.org'])"
    )
    run("shell", "-c", send)
    worker = subprocess.Popen(
        [*manage, "deliver_mail", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        delivered = read_until(worker.stdout, "Outbox: 1 sent")
        worker.send_signal(signal.SIGTERM)
        returncode = worker.wait(timeout=10)
        rest = worker.stdout.read()
    finally:
        worker.kill()
        worker.wait()

    assert "Subject: Hello" in delivered
    assert "To: anna@x.org" in delivered
    assert returncode == 0
    assert "Stopped delivering the outbox." in rest
    assert "Traceback" not in delivered + rest
