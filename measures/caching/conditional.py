"""ETag and Last-Modified of public pages, derived from the content version, not from the body.

Every public page shows more than one row (a measure page its region, partner,
themes and related measures; a list its facets), so its validators follow the
content version: the ETag hashes what a page can depend on, and Last-Modified is
the catalogue's last change. Both are known before the view runs, so a visitor's
current copy gets its 304 without the page being rendered
(next2met.conditional.ConditionalPageMiddleware).

What a page can depend on: the content version and the release, the language,
the address with its query string, the day (a measure becomes overdue, a
download is named after it), who is signed in, and the visitor's own cookies
and session (the dossier, a message waiting to be shown, the CSRF secret that a
form's token comes from). A visitor without cookies shares the validator of
every other such visitor; a visitor with a session gets one of their own, which
changes when the session does. The ETag is weak: it says two answers mean the
same, not that they are the same bytes (a compressed copy, a fresh CSRF mask).

Answers marked private or no-store (the dossier, the contact form, a staff
preview, the health check) get neither validator: they are never kept.
"""

import hashlib
import json
import math

from django.conf import settings
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import http_date

from measures.caching import content_version

# An answer with one of these is never kept by a browser, so it gets no validator.
PRIVATE_DIRECTIVES = {"private", "no-store"}


def visitor_state(request):
    """What of this visitor a page may show: who is signed in, their cookies, their session."""
    user = getattr(request, "user", None)
    state = {
        "user": getattr(user, "pk", None),
        "cookies": {
            name: value
            for name, value in request.COOKIES.items()
            if name != settings.SESSION_COOKIE_NAME
        },
    }
    session = getattr(request, "session", None)
    # Only a visitor who has a session can have anything in it; reading none costs nothing.
    if session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES:
        state["session"] = dict(session.items())
    return json.dumps(state, sort_keys=True, default=str)


def last_change():
    """The later of the catalogue's last change and the start of today (seconds, rounded up)."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    times = [math.ceil(midnight.timestamp()), content_version.changed_at()]
    return max(t for t in times if t is not None)


def page_validators(request):
    """(weak ETag, Last-Modified timestamp) of the page `request` asks for, for this visitor."""
    identity = "\n".join(
        [
            str(content_version.current()),
            content_version.release(),
            translation.get_language() or "",
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            timezone.localdate().isoformat(),
            visitor_state(request),
        ]
    )
    etag = f'W/"{hashlib.sha256(identity.encode()).hexdigest()[:32]}"'
    return etag, last_change()


def is_private(response):
    """Whether the answer is marked as never to be kept (private or no-store)."""
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(directives & PRIVATE_DIRECTIVES)


def set_validators(response, etag, last_modified):
    """Put the validators on `response` and ask browsers to check them before each reuse."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # no-cache: a browser asks every time, and a current copy costs it a 304 without a body.
    patch_cache_control(response, no_cache=True)
