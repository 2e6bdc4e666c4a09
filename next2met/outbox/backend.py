"""Django's e-mail backend of the site: each message becomes an outbox row, nothing more.

django-post-office ships such a backend, but it renders every subject and body
as a Django template: a visitor writing "{{ name }}" would lose those words,
and "{% foo %}" would turn the contact form into a server error. This one keeps
the text exactly as written and gives each mail its Message-ID once, so a mail
delivered again after a crash can be recognised by the receiving side. The
Message-ID names the site's own host (SITE_URL), not the machine's name, which
inside a container is "localhost" or a random id.
"""

from email.mime.base import MIMEBase
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from post_office.models import PRIORITY, STATUS, Email
from post_office.signals import email_queued
from post_office.utils import create_attachments


class OutboxBackend(BaseEmailBackend):
    """Queues messages for `manage.py deliver_mail`; returns how many were queued."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        # All or none: a contact message and the visitor's copy, or one notification
        # to each coordinator, are queued together or not at all.
        with transaction.atomic():
            emails = [queue(message) for message in email_messages]
        email_queued.send(sender=Email, emails=emails)
        return len(emails)


def queue(message):
    """Store one django.core.mail message as a queued outbox row."""
    headers = dict(message.extra_headers)
    if message.reply_to:
        headers.setdefault("Reply-To", ", ".join(str(address) for address in message.reply_to))
    message_id = headers.pop("Message-ID", None) or make_msgid(domain=message_id_domain())
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    email = Email(
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        subject=message.subject,
        message=message.body,
        html_message=html,
        headers=headers or None,
        message_id=message_id,
        priority=PRIORITY.medium,
        status=STATUS.queued,
    )
    email.save()
    if message.attachments:
        email.attachments.add(*create_attachments(attachment_files(message)))
    return email


def message_id_domain():
    """The site's host, else the domain of its sender address."""
    return urlsplit(settings.SITE_URL).hostname or settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]


def attachment_files(message):
    files = {}
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            files[attachment.get_filename()] = {
                "file": ContentFile(attachment.get_payload(decode=True)),
                "mimetype": attachment.get_content_type(),
            }
        else:
            filename, content, mimetype = attachment
            files[filename] = {"file": ContentFile(content), "mimetype": mimetype}
    return files
