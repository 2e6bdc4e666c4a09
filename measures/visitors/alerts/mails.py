"""The alert mails: the link that confirms a subscription, and the digest of new measures.

Both are written in the language of the page where the visitor subscribed, and
sent through Django's mail API like every other mail of the site. The digest
carries the one-click unsubscribe of RFC 8058: a `List-Unsubscribe` address that
takes a POST without a CSRF token, and `List-Unsubscribe-Post` saying so.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, ngettext

from measures.content_language import localized
from measures.site_url import absolute_url
from measures.visitors.alerts import links, searches


def _context(subscription, *, words=True):
    return {
        "subscription": subscription,
        "search": searches.describe(subscription.query, words=words),
        "list_url": links.list_url(subscription),
        "manage_url": links.manage_url(subscription),
        "unsubscribe_url": links.unsubscribe_url(subscription),
    }


def confirmation(subscription):
    """The mail with the confirmation link; for a confirmed subscription, its links instead.

    The second case answers someone who subscribes again to the same search.
    Anyone can type any address into the form, so the mail names the search
    without its words: the confirmation page shows them.
    """
    with translation.override(subscription.language):
        context = {
            **_context(subscription, words=False),
            "confirmation_url": links.confirmation_url(subscription),
            "days": links.CONFIRMATION_MAX_AGE.days,
        }
        if subscription.is_confirmed:
            subject = gettext("You already have this Next2Met alert")
        else:
            subject = gettext("Please confirm your Next2Met alert")
        body = render_to_string("measures/email/alert_confirmation.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email])


def entry(measure):
    """What the digest says of one measure, in the active language."""
    return {
        "title": localized(measure, "title"),
        "summary": localized(measure, "summary"),
        "region": localized(measure.region, "name"),
        "partner": measure.partner.name,
        "url": absolute_url(measure.get_absolute_url()),
    }


def digest(subscription, measures):
    """The digest of `measures` for `subscription`, with its unsubscribe headers."""
    with translation.override(subscription.language):
        context = {**_context(subscription), "measures": [entry(m) for m in measures]}
        subject = ngettext(
            "Next2Met: %(count)d new measure for your alert",
            "Next2Met: %(count)d new measures for your alert",
            len(measures),
        ) % {"count": len(measures)}
        body = render_to_string("measures/email/alert_digest.txt", context)
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
