"""Asking for an alert, confirming it, ending it; and the limits that keep robots out.

- At most MAX_PER_ADDRESS subscriptions per e-mail address, confirmed or not.
- The form is limited per client address and per e-mail address with the
  counters the contact form uses too (measures.visitors.spam): a robot can
  neither flood the site nor a stranger's mailbox with confirmation mails.
- A subscription asked for again (same address, same search) is the same row: a
  new confirmation link for an unconfirmed one, a reminder of its links for a
  confirmed one, so the answer never tells a stranger whether an address subscribed.
- Unconfirmed subscriptions are deleted when their latest confirmation link expires;
  unsubscribing deletes the row, so an address is kept only while it is subscribed.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from measures.models import AlertSubscription
from measures.models.alerts import normalize_email
from measures.visitors.alerts import links, mails
from measures.visitors.spam import client_address, count_sent, hashed, is_rate_limited

MAX_PER_ADDRESS = 5
# Form submissions an hour: from one client address, and for one e-mail address.
LIMIT_PER_CLIENT = 10
LIMIT_PER_EMAIL = 3


class TooManySubscriptions(Exception):
    """The address has MAX_PER_ADDRESS subscriptions already."""


def rate_keys(request, email):
    return [
        (f"alerts:client:{hashed(client_address(request))}", LIMIT_PER_CLIENT),
        (f"alerts:email:{hashed(normalize_email(email))}", LIMIT_PER_EMAIL),
    ]


def is_limited(request, email):
    return is_rate_limited(rate_keys(request, email))


def count(request, email):
    count_sent(rate_keys(request, email))


def subscribe(email, query, frequency, language):
    """Record the wish and mail the link that confirms it (or, if confirmed, its links).

    Raises TooManySubscriptions when the address has its fill of other searches.
    """
    email = normalize_email(email)
    with transaction.atomic():
        subscription = AlertSubscription.objects.filter(email=email, query=query).first()
        if subscription is None:
            if AlertSubscription.objects.of_address(email).count() >= MAX_PER_ADDRESS:
                raise TooManySubscriptions
            subscription = _create(email, query, frequency, language)
        elif not subscription.is_confirmed:
            # The latest wish counts until it is confirmed, and its new link works for
            # CONFIRMATION_MAX_AGE: the row is kept that long from now.
            subscription.frequency = frequency
            subscription.language = language
            subscription.created_at = timezone.now()
            subscription.save(update_fields=["frequency", "language", "created_at"])
        mails.confirmation(subscription).send()
    return subscription


def _create(email, query, frequency, language):
    try:
        with transaction.atomic():
            return AlertSubscription.objects.create(
                email=email, query=query, frequency=frequency, language=language
            )
    except IntegrityError:
        # The same wish sent twice at once: the first one made the row.
        return AlertSubscription.objects.get(email=email, query=query)


def confirm(subscription):
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])


def unsubscribe(key):
    """Delete the subscription named `key`, its address and its delivery records."""
    AlertSubscription.objects.filter(key=key).delete()


def delete_unconfirmed(now=None):
    """Delete the subscriptions whose confirmation link has expired; returns how many."""
    now = now or timezone.now()
    cutoff = now - links.CONFIRMATION_MAX_AGE
    _total, by_model = AlertSubscription.objects.unconfirmed_before(cutoff).delete()
    return by_model.get(AlertSubscription._meta.label, 0)
