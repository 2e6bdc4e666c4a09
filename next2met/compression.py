"""gzip for the site's pages, except where compression could leak a secret (BREACH).

BREACH recovers a secret from the size of compressed responses that also reflect
text the attacker chooses. The public pages hold no secret: their forms are GET
forms without a CSRF token, and they set no cookie. So they are compressed, and
anything that might hold a secret is not: the admin, any answer whose request
used a CSRF token, and any answer that sets a cookie or changes the session.
Static files never get here: whitenoise, earlier in settings.MIDDLEWARE, serves
its own pre-compressed copies.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not self._may_compress(request, response):
            return response
        return super().process_response(request, response)

    def _may_compress(self, request, response):
        if request.path.startswith(tuple(settings.N2M_GZIP_EXCLUDE)):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
            return False
        session = getattr(request, "session", None)
        return session is None or not session.modified
