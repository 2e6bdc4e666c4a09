"""The error answers Django asks for (handler400, 403, 404, 500 and CSRF_FAILURE_VIEW).

On the site they are pages in the site's frame and language; under /api/ they are
JSON with a `detail` a programmer can act on, like every other answer of the API
(measures.exchange.api): a script must never have to read an HTML page.

None of the pages names a canonical address (their templates empty that block):
an error page is not the page its address stands for.
"""

import sys

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from measures.exchange.api import error_response, is_api_request
from next2met import views

API_ENDPOINTS = ("measure_list", "region_list", "theme_list", "partner_list")
DATABASE_DOWN = (OperationalError, InterfaceError)


def bad_request(request, exception):
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, TooManyFieldsSent):
        detail = _(
            "Too many parameters: a request may have at most %(max)d. Send fewer, or "
            "repeat fewer values of one filter."
        ) % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    else:
        detail = _("This request could not be handled: it was too large or malformed.")
    return error_response(400, detail)


def permission_denied(request, exception):
    if not is_api_request(request):
        return defaults.permission_denied(request, exception)
    return error_response(403, _("This is not allowed."))


def page_not_found(request, exception):
    if not is_api_request(request):
        return defaults.page_not_found(request, exception)
    endpoints = ", ".join(reverse(f"api:{name}") for name in API_ENDPOINTS)
    return error_response(
        404,
        _("There is nothing at this address. The API answers at %(endpoints)s.")
        % {"endpoints": endpoints},
    )


def server_error(request):
    # A database outage is a 503 with Retry-After, which views.server_error answers
    # (in JSON under /api/ too).
    if not is_api_request(request) or isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return views.server_error(request)
    return error_response(
        500,
        _("Something went wrong on our side. The error has been logged; please try again later."),
    )


def csrf_failure(request, reason=""):
    """A form sent without its security token, or with an old one: the site's page, translated.

    The reason Django gives is for developers and stays in the log; the visitor is
    told what to do.
    """
    return render(request, "403_csrf.html", status=403)
