"""Whole public pages, cached in the shared cache for visitors who are not signed in.

A page is stored under the release, the language, the scheme and host, whether
the visitor accepts gzip, and the full path with its query string, together
with the content version (`measures.caching.content_version`) it was rendered at. The
version and the page are read in one round trip to the cache; a page of another
version is not used, so a change to the catalogue makes the next request on any
app server render the page anew. Entries expire after N2M_PAGE_CACHE_TIMEOUT
seconds.

Only what is the same for every anonymous visitor is stored: a 200 answer to a
GET (which answers a HEAD as well), without cookies, without a CSRF token or CSP
nonce in it, not marked private or no-store, not varying by cookie, and not too
large. A stored page with an ETag or Last-Modified answers a matching
conditional request with 304. Signed-in people (staff, who may see previews)
neither read nor fill the cache.

Its place in settings.MIDDLEWARE: after AuthenticationMiddleware (it asks who
the visitor is) and LocaleMiddleware (the language is part of the key), before
the compression middleware, so compressed pages are stored once compressed.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response, has_vary_header
from django.utils.http import parse_http_date_safe

from measures.caching import content_version

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# "no-cache" is no reason not to store: it asks browsers to revalidate, which the
# content version does here (never_cache adds "private" and "no-store" as well).
UNCACHEABLE_DIRECTIVES = {"private", "no-store"}


def page_key(request):
    """The cache key of the page `request` asks for."""
    accepts_gzip = re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    address = "|".join(
        [
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            "gzip" if accepts_gzip else "",
            request.get_full_path(),
        ]
    )
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{content_version.release()}:{digest}"


def is_excluded(path):
    return path.startswith(tuple(settings.N2M_PAGE_CACHE_EXCLUDE))


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_read(request):
            return self.get_response(request)
        try:
            key = page_key(request)
            version, found = content_version.read_with(key)
        except Exception:
            # A cache that cannot be reached costs speed, never the page.
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        stored_version, cached = found.get(key, (None, None))
        if cached is not None and stored_version == version:
            cached[HEADER] = "hit"
            return self._conditional(request, cached)
        response = self.get_response(request)
        if self._may_store(request, response):
            response[HEADER] = "miss"
            try:
                # The version read before rendering: a change made meanwhile makes the
                # next request miss instead of keeping this page.
                cache.set(key, (version, response), settings.N2M_PAGE_CACHE_TIMEOUT)
            except Exception:
                logger.exception("Page cache unavailable")
        return response

    def _may_read(self, request):
        return (
            settings.N2M_PAGE_CACHE_TIMEOUT > 0
            # HEAD too: the stored GET answers it (the server leaves the body out), with
            # the same headers, so a link checker sees what a browser would.
            and request.method in ("GET", "HEAD")
            and not is_excluded(request.path)
            and not request.user.is_authenticated
        )

    def _may_store(self, request, response):
        if request.method != "GET":
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        # Anything tied to this visitor: a CSRF token, a CSP nonce, a session change.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or isinstance(
            getattr(request, "_csp_nonce", None), str
        ):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        directives = {
            directive.split("=", 1)[0].strip().lower()
            for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if directives & UNCACHEABLE_DIRECTIVES or has_vary_header(response, "Cookie"):
            return False
        return len(response.content) <= settings.N2M_PAGE_CACHE_MAX_BYTES

    def _conditional(self, request, response):
        """304 when the stored page carries validators the visitor's copy matches."""
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag is None and last_modified is None:
            return response
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
