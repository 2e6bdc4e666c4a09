"""Site-wide middleware: the Permissions-Policy header, the second sign-in step, the 503 page.

Their places in settings.MIDDLEWARE, and why, are noted there.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseRedirect
from django.urls import reverse

from next2met.two_factor import rules as two_factor
from next2met.views import database_unavailable

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


def permissions_policy_header(policy):
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Switch off the browser features the site never uses (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class TwoFactorMiddleware:
    """Ask for the second sign-in step before any other admin page opens.

    A staff member who has confirmed an authenticator app is sent to enter its
    code; a coordinator without one, while N2M_REQUIRE_2FA_FOR_COORDINATORS is
    on, is sent to set one up. The step's own pages and signing out stay open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_second_step(request):
            target = (
                "two_factor:verify" if two_factor.has_device(request.user) else "two_factor:setup"
            )
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)

    def _needs_second_step(self, request):
        admin_root = reverse("admin:index")
        if not request.path.startswith(admin_root):
            return False
        if request.path.startswith(two_factor.exempt_paths()):
            return False
        return two_factor.is_pending(request.user)


class DatabaseUnavailableMiddleware:
    """Show the 503 page, with Retry-After, when the database does not answer.

    Errors raised outside a view (another middleware reading the session, for
    instance) reach next2met.views.server_error, which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return database_unavailable(request)
        return None
