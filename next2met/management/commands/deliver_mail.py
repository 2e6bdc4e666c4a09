"""Deliver the outbox: send the mails that are due, and retry failures with growing waits.

    manage.py deliver_mail           # the worker: a round every few seconds until stopped
    manage.py deliver_mail --once    # one round, then exit (cron, tests)

Every mail the site sends waits in the outbox (next2met.outbox) until this
command hands it to the mail server. `make run` starts it beside the site;
production runs it as its own process (compose.yaml's `worker` service). Only one
worker per machine delivers at a time; a second one waits as a stand-by.
SIGTERM or Ctrl-C lets the current batch finish and then stops: a mail handed to
the mail server is always marked sent first. Once a day (and on every --once
round) sent mails older than N2M_MAIL_KEEP_SENT_DAYS are deleted.
"""

import logging
import signal
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, transaction

from next2met.outbox import delivery

logger = logging.getLogger(__name__)

PRUNE_EVERY_SECONDS = 24 * 60 * 60


class StopFlag:
    """Raised by SIGTERM or SIGINT; the worker looks at it between batches and while it waits.

    A plain attribute, not a threading.Event: setting an Event takes a lock, which
    a signal handler must not do while the code it interrupted may hold that lock.
    """

    def __init__(self):
        self.requested = False

    def __call__(self):
        return self.requested

    def request(self, *_signal):
        self.requested = True

    def wait(self, seconds):
        """Sleep `seconds`, or less if a stop is requested meanwhile."""
        end = time.monotonic() + seconds
        while not self.requested and (left := end - time.monotonic()) > 0:
            time.sleep(min(left, 0.2))


@contextmanager
def stop_on_signals(stop):
    """Raise `stop` on SIGTERM and SIGINT while the block runs (signals land in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        number: signal.signal(number, stop.request) for number in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class Command(BaseCommand):
    help = "Send the e-mails waiting in the outbox; retry failures with growing waits."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Deliver what is due once, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between rounds (default N2M_MAIL_POLL_SECONDS).",
        )

    def handle(self, *args, once, interval, **options):
        interval = settings.N2M_MAIL_POLL_SECONDS if interval is None else interval
        stop = StopFlag()
        told_to_wait = False
        with stop_on_signals(stop):
            while not stop():
                try:
                    with delivery.only_worker():
                        self.deliver(stop, once, interval)
                    break
                except delivery.AnotherWorker:
                    if once:
                        self.stdout.write("Another worker is delivering the outbox; nothing done.")
                        return
                    if not told_to_wait:
                        self.stdout.write("Another worker is delivering the outbox; waiting.")
                        told_to_wait = True
                    stop.wait(interval)
        if not once:
            self.stdout.write("Stopped delivering the outbox.")

    def deliver(self, stop, once, interval):
        if not once:
            transport = settings.POST_OFFICE["BACKENDS"]["default"]
            self.stdout.write(f"Delivering the outbox every {interval:g} s through {transport}.")
        next_prune = 0.0
        while not stop():
            # A long-lived process must drop a connection that broke or grew old,
            # as Django does between requests; never in the middle of a transaction.
            if not transaction.get_connection().in_atomic_block:
                close_old_connections()
            try:
                self.round(stop, once)
                if once or time.monotonic() >= next_prune:
                    self.prune()
                    next_prune = time.monotonic() + PRUNE_EVERY_SECONDS
            except Exception:
                if once:
                    raise
                # A database or mail server outage must not end the worker: the
                # mails wait in the outbox, and the next round tries again.
                logger.exception("Delivering the outbox failed; trying again in %g s", interval)
            if once:
                return
            stop.wait(interval)

    def round(self, stop, once):
        figures = delivery.deliver_due(stop)
        if once or figures.sent or figures.retried or figures.failed:
            waiting = delivery.queue_summary()["waiting"]
            self.stdout.write(f"Outbox: {figures}; {waiting} waiting.")

    def prune(self):
        if pruned := delivery.prune_sent():
            days = settings.N2M_MAIL_KEEP_SENT_DAYS
            self.stdout.write(f"Deleted {pruned} mails sent more than {days} days ago.")
