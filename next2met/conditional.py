"""Conditional GET for every public page: validators on the answer, 304 for a current copy.

The validators come from measures.caching.conditional: known before the view
runs, so a visitor whose copy is current (If-None-Match, If-Modified-Since) gets
a 304 without the page being rendered or a download being built. An answer the
view marks private or no-store gets no validator; an answer that brings its own
ETag keeps it and is compared against it.

The back office, the health check and the benchmark's floor (the page cache's
exclusions) are left alone: each request there must reach its view.

Its place in settings.MIDDLEWARE: inside the page cache, so a stored page keeps
its validators and a page served from the cache is compared there; after
AuthenticationMiddleware and LocaleMiddleware, whose user and language it reads.
"""

import logging

from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from measures.caching.conditional import is_private, page_validators, set_validators
from next2met.cache import is_excluded

logger = logging.getLogger(__name__)

CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def is_conditional(request):
    return any(header in request.META for header in CONDITIONAL_HEADERS)


class ConditionalPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        validators = getattr(request, "_page_validators", None)
        if validators is None or not self._may_validate(request, response):
            return response
        if "ETag" not in response:
            set_validators(response, *validators)
        if is_conditional(request):
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A 304 before the view runs, when the visitor's copy is current."""
        if request.method not in ("GET", "HEAD") or is_excluded(request.path):
            return None
        try:
            etag, last_modified = validators = page_validators(request)
        except Exception:
            # The content version lives in the cache: without it the page goes out
            # without validators, never as an error.
            logger.exception("Content version unavailable; the page goes out without validators")
            return None
        request._page_validators = validators
        if not is_conditional(request):
            return None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None or response.status_code != 304:
            return None
        set_validators(response, etag, last_modified)
        return response

    def _may_validate(self, request, response):
        if response.status_code != 200 or is_private(response):
            return False
        # The view changed the session: the state the validators were taken from is gone.
        session = getattr(request, "session", None)
        return not (session is not None and session.modified)
