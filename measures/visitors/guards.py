"""What a POST without a CSRF token must pass: a small body, sent from the site's own pages,
and not one too many new sessions from one connection.

The "Add to dossier" button posts without a token (see `measures.visitors.dossier.add`),
so nothing else stops a request from anywhere. Two things are checked before the
body is read or the session touched:

- the size the request announces: Django reads a form's body, and spools its
  files to disk, before anyone can refuse it, and DATA_UPLOAD_MAX_MEMORY_SIZE
  does not count files, so a 100 MB upload would be written out first;
- where a browser says the request comes from: another site's page posting here
  would create a session (a database row) for every visitor it sends. Browsers
  name the page's origin on every POST (`Origin`), and the newer ones say outright
  whether it is the same site (`Sec-Fetch-Site`). A request with neither nor a
  `Referer` comes from no browser; it is let through, since its sender could
  name any origin anyway;
- how many sessions this connection started within the hour: a script that
  names no origin could otherwise write a session row per request, hundreds a
  minute. Only a request that would start a session counts (a visitor's own
  additions to an existing dossier never do), with the counters of the contact
  and alert forms (measures.visitors.spam), and one past NEW_SESSIONS_PER_HOUR
  is answered 429 before anything is written.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from measures.visitors.spam import client_address, count_sent, hashed, is_rate_limited

# The form holds a slug and the address of the page it was on.
MAX_BODY_BYTES = 8 * 1024
# New dossiers (sessions) one client address may start in an hour: far more than a
# person opening a few browsers, far fewer than a script.
NEW_SESSIONS_PER_HOUR = 20


def announced_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        # Django reads no body for a length it cannot read either.
        return 0


def own_origins(request):
    """The origins the site's pages are served from."""
    site = urlsplit(settings.SITE_URL)
    return {
        f"{request.scheme}://{request.get_host()}",
        f"{site.scheme}://{site.netloc}",
        *settings.CSRF_TRUSTED_ORIGINS,
    }


def origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def from_own_pages(request):
    """Whether the browser that sent `request` says it comes from one of the site's pages."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        # "null" (a sandboxed frame, a privacy-minded redirect) is no origin of ours either.
        return origin in own_origins(request)
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    referer = request.META.get("HTTP_REFERER")
    if referer is not None:
        return origin_of(referer) in own_origins(request)
    return True


def refusal(request):
    """The answer to a token-less POST that is too large or comes from elsewhere, else None."""
    if announced_length(request) > MAX_BODY_BYTES:
        return refused(
            request,
            413,
            _("The request was too large: it can only hold the measure to add."),
        )
    if not from_own_pages(request):
        return refused(
            request,
            403,
            _(
                "Measures can only be added to your dossier from this site's own pages. "
                "Open the measure here and add it again."
            ),
        )
    if starts_a_session(request):
        keys = [(f"dossier:new-session:{hashed(client_address(request))}", NEW_SESSIONS_PER_HOUR)]
        if is_rate_limited(keys):
            return refused(
                request,
                429,
                _(
                    "Too many dossiers were started from your connection in the last hour, "
                    "so nothing was added. Please try again in an hour."
                ),
            )
        count_sent(keys)
    return None


def starts_a_session(request):
    """Whether answering `request` may write a new session: it brings none that exists.

    Reads the session its cookie names, as the view would next.
    """
    session = request.session
    session.keys()
    return session.session_key is None


def refused(request, status, reason):
    return render(request, "measures/dossier_refused.html", {"reason": reason}, status=status)
