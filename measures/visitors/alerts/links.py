"""The links of alert mails: the signed confirmation link, and the pages of a subscription.

The confirmation link signs the subscription's key with a timestamp
(django.core.signing): it cannot be forged, and it expires after
CONFIRMATION_MAX_AGE, when the unconfirmed subscription is deleted too. The
other links name the subscription by its random key; every link starts with
SITE_URL and the prefix of the subscription's language.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import translation

from measures.site_url import absolute_url

CONFIRMATION_SALT = "measures.visitors.alerts.confirm"
CONFIRMATION_MAX_AGE = timedelta(days=3)


def confirmation_token(subscription):
    return signing.dumps(subscription.key, salt=CONFIRMATION_SALT)


def key_of(token):
    """The key signed in a confirmation token.

    Raises signing.SignatureExpired for a token older than CONFIRMATION_MAX_AGE and
    signing.BadSignature for one that was not made here.
    """
    key = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    if not isinstance(key, str):
        raise signing.BadSignature("Not a subscription key")
    return key


def expired_key_of(token):
    """The key signed in a confirmation token that key_of() found expired."""
    key = signing.loads(token, salt=CONFIRMATION_SALT)
    if not isinstance(key, str):
        raise signing.BadSignature("Not a subscription key")
    return key


def _link(subscription, name, **kwargs):
    with translation.override(subscription.language):
        return absolute_url(reverse(f"measures:{name}", kwargs=kwargs))


def confirmation_url(subscription):
    return _link(subscription, "alert_confirm", token=confirmation_token(subscription))


def manage_url(subscription):
    return _link(subscription, "alert_manage", key=subscription.key)


def unsubscribe_url(subscription):
    return _link(subscription, "alert_unsubscribe", key=subscription.key)


def list_url(subscription):
    """The measure list with the subscription's filters, newest first."""
    query = f"{subscription.query}&sort=newest" if subscription.query else "sort=newest"
    return _link(subscription, "list") + "?" + query
