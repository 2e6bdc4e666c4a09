"""What keeps robots out of the forms a visitor sends: the contact form and the alert form.

Neither uses an outside service (no captcha that would send visitors' addresses
elsewhere):

- `HoneypotForm`: a field hidden from people and screen readers that bots fill in;
  it also refuses any text that arrived as bytes that are not UTF-8;
- `hashed`, `is_rate_limited`, `count_sent`: counters in the shared cache, per hour
  unless a key says how many seconds it counts, keyed by hashes so no visitor's
  address is written there. A cache that cannot be reached costs the protection,
  never the visitor's message.
"""

import hashlib
import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from partners.text import validate_readable

logger = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 60 * 60


class HoneypotForm(forms.Form):
    """A form with the honeypot field `website`, refused whole when it is filled in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        # Every text a visitor typed, the long ones too (a message, a note): bytes that
        # were not UTF-8 are refused, not stored and mailed as "�".
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and name not in self.errors:
                try:
                    validate_readable(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if self.data.get("website"):
            raise forms.ValidationError(
                _("The field “Leave this field empty” was filled in, so nothing was sent."),
                code="honeypot",
            )
        return cleaned


def client_address(request):
    # The project's one answer to "which address is the visitor's" (behind a proxy too).
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)


def hashed(text):
    """A short hash of `text` for a cache key: the key never holds an address."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def is_rate_limited(keys):
    """Whether any key of `keys` has reached its limit: (key, limit) pairs counted for an
    hour, or (key, limit, seconds) counted for that long."""
    try:
        counts = cache.get_many([key for key, *_rest in keys])
    except Exception:
        logger.exception("Rate limit unavailable")
        return False
    return any(counts.get(key, 0) >= limit for key, limit, *_seconds in keys)


def count_sent(keys):
    """Count one more sending against every key of `keys`, for its window (an hour unless
    the key names its seconds), which starts with the key's first sending."""
    try:
        for key, _limit, *seconds in keys:
            window = seconds[0] if seconds else RATE_WINDOW_SECONDS
            if not cache.add(key, 1, window):
                try:
                    cache.incr(key)
                except ValueError:  # expired in between
                    cache.set(key, 1, window)
    except Exception:
        logger.exception("Rate limit unavailable")
