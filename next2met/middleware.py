"""Site-wide middleware: the Permissions-Policy header, the second sign-in step, the 503 page,
one answer to OPTIONS and TRACE, and the open-data headers of every answer under /api/.

Their places in settings.MIDDLEWARE, and why, are noted there.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse

from measures.exchange.api import is_api_request, redirect_response, with_open_data_headers
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


class OpenDataHeadersMiddleware:
    """CORS and the licence on every answer under /api/, those made before any view too.

    The API's views put them on their own answers; a 304 for a current copy
    (next2met.conditional), the redirect to an address with its slash
    (CommonMiddleware) or a refused Host are made before a view runs, and a
    script on another origin could not read them without these headers. A
    redirect also gets a JSON body, as every other answer there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api_request(request):
            return response
        if response.status_code in (301, 302, 303, 307, 308) and "Location" in response:
            response = redirect_response(response.status_code, response["Location"])
        return with_open_data_headers(response)


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


class HttpMethodsMiddleware:
    """OPTIONS and TRACE answered alike by every page, without running its view.

    Django's class-based views answered OPTIONS with 200, function views with 405,
    and views that name no methods (the sitemaps, the feeds) ran in full for any
    method: TRACE gave 200 with the whole body. Here OPTIONS gets 204 and the
    methods the page takes in `Allow`, as the API answers it (measures.exchange.api,
    which answers for itself with its CORS headers, as the admin does for itself);
    TRACE and CONNECT get 405 with the same `Allow` everywhere.

    The methods a view takes come from the view: a class-based view names them, a
    function view from require_http_methods() (require_safe, require_POST) keeps
    them in its closure; a view that names none is a page to read: GET and HEAD.
    """

    REFUSED = {"TRACE", "CONNECT"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        method = request.method
        if method != "OPTIONS" and method not in self.REFUSED:
            return None
        if method == "OPTIONS" and request.path.startswith(answered_by_themselves()):
            return None
        allowed = [*allowed_methods(view_func), "OPTIONS"]
        if method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(allowed)
            return response
        return HttpResponseNotAllowed(allowed)


def answered_by_themselves():
    """The paths whose views answer OPTIONS themselves: the API (CORS) and the admin."""
    return (reverse("api:root"), reverse("admin:index"))


def allowed_methods(view):
    """The methods `view` takes, in upper case, OPTIONS left out."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        methods = view_class(**getattr(view, "view_initkwargs", {}))._allowed_methods()
        if "GET" in methods and "HEAD" not in methods:
            # View.setup() answers HEAD with get() when the view has no head().
            methods.append("HEAD")
        return [m for m in methods if m != "OPTIONS"]
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return [m.upper() for m in cell.cell_contents]
        view = getattr(view, "__wrapped__", None)
    return ["GET", "HEAD"]
