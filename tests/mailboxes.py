"""The outbox in tests: the project's outbox in front of a mail transport the test chooses.

Every other test sends through Django's locmem backend (pytest-django sets it),
so a mail lands in `mail.outbox` at once. Tests of the outbox put the outbox back
in front, as the settings do, with a transport that delivers to `mail.outbox`
(LOCMEM) or one that refuses every mail as a mail server that is down does
(REFUSING); `deliver()` runs the worker once.
"""

from datetime import timedelta
from io import StringIO

from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from post_office.models import STATUS, Email

OUTBOX = "next2met.outbox.backend.OutboxBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
REFUSING = "tests.mailboxes.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: every connection is refused."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def use_outbox(settings, tmp_path, transport=LOCMEM, **post_office):
    """Send through the outbox, delivered by `transport`; POST_OFFICE values may be changed."""
    settings.EMAIL_BACKEND = OUTBOX
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": transport},
        **post_office,
    }
    # Each test its own lock: runs on other workers must not stand it by.
    settings.N2M_MAIL_LOCK_FILE = str(tmp_path / "deliver-mail.lock")


def deliver():
    """Run the worker once, as cron would; returns what it printed."""
    out = StringIO()
    call_command("deliver_mail", "--once", stdout=out)
    return out.getvalue()


def time_passes():
    """The waits of every mail waiting for a retry are over."""
    Email.objects.filter(status=STATUS.requeued).update(
        scheduled_time=timezone.now() - timedelta(seconds=1)
    )
