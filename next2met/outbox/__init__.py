"""The outbox: every e-mail the site sends is first a row in its own database.

`backend.OutboxBackend` is Django's EMAIL_BACKEND: whatever sends a mail through
django.core.mail (review notifications, the contact relay, reminders, alerts)
writes a django-post-office `Email` row, in the transaction of the change that
causes it. `manage.py deliver_mail` hands the rows to the real transport
(POST_OFFICE["BACKENDS"]["default"]: SMTP in production, the console in debug)
and retries failures with growing waits (`delivery`). Operators see and requeue
the mails in the admin (next2met/admin.py); /healthz reports the queue.
"""
