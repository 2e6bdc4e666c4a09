"""The digests: each due subscription gets the measures newly published for its search.

`send_digests()` is what `manage.py send_alerts` runs. It is safe to run as
often as one likes: a subscription is due at most once a day or a week
(`AlertSubscriptionQuerySet.due`), a measure goes to a subscription once
(a unique delivery record), and each digest is one transaction that locks the
subscription, records the deliveries, moves `last_sent_at` and hands the mail
to Django's mail backend. If the mail cannot be handed over, nothing is
recorded and the next run tries again.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from measures.models import AlertDelivery, AlertSubscription
from measures.visitors.alerts import mails, searches

logger = logging.getLogger(__name__)

# Measures in one digest; more wait for the next one, and the mail links to the list.
DIGEST_SIZE = 20


@dataclass
class Run:
    """What one run did."""

    digests: int = 0
    measures: int = 0
    failed: int = 0
    broken_searches: int = 0


def send_digests(now=None):
    now = now or timezone.now()
    run = Run()
    for pk in AlertSubscription.objects.due(now).values_list("pk", flat=True):
        try:
            sent = send_digest(pk, now)
        except OSError:
            logger.exception("Could not send the alert digest of subscription %s", pk)
            run.failed += 1
            continue
        if sent is None:
            run.broken_searches += 1
        elif sent:
            run.digests += 1
            run.measures += sent
    return run


def send_digest(pk, now):
    """Send subscription `pk` its digest if it is still due; returns the measures sent.

    None when its search no longer holds.
    """
    with transaction.atomic():
        # Locked, and asked again whether it is due: a second run at the same
        # moment waits here, then finds the digest sent.
        subscription = AlertSubscription.objects.select_for_update().due(now).filter(pk=pk).first()
        if subscription is None:
            return 0
        with translation.override(subscription.language):
            measures = searches.new_matches(subscription, DIGEST_SIZE)
        if measures is None:
            logger.warning("The search of alert subscription %s no longer holds", pk)
            return None
        if not measures:
            return 0
        AlertDelivery.objects.bulk_create(
            AlertDelivery(subscription=subscription, measure=measure, sent_at=now)
            for measure in measures
        )
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
        mails.digest(subscription, measures).send()
    return len(measures)
