"""Site-wide views: the home page, the health check, robots.txt and the error pages."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error

from measures.catalogue import tiles
from measures.catalogue.maps import region_map
from measures.exchange.api import error_response, is_api_request
from measures.models import Measure
from measures.site_url import absolute_url
from next2met.outbox.delivery import queue_summary

LATEST_COUNT = 6
# Seconds a client (or a proxy's retry logic) should wait before asking again.
RETRY_AFTER = 30


@require_safe
def home(request):
    # The counts from the bitmaps and the rows from the cached taxonomy (measures.catalogue.tiles):
    # the latest measures are the page's one query.
    regions = tiles.regions()
    context = {
        "latest_measures": Measure.objects.published().for_listing().latest()[:LATEST_COUNT],
        "measure_count": tiles.published_total(),
        "regions": regions,
        "region_map": region_map(regions),
        "themes": tiles.themes(),
        "partner_count": tiles.active_partner_count(),
        "countries": len({region.country for region in regions}),
    }
    return render(request, "home.html", context)


@require_safe
def bench_floor(request):
    """The smallest answer the project gives: the floor the benchmark measures pages against."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; and how the outbox is doing.

    One query, which the database must answer anyway: the mails waiting to be
    delivered, the age in seconds of the oldest (a worker that is down, or a mail
    server that refuses, shows as a growing age) and the mails that failed for good.
    A backlog does not make the site unhealthy: the pages still work.
    """
    try:
        mail = queue_summary()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse(
        {
            "status": "ok",
            "mail_waiting": mail["waiting"],
            "mail_oldest_waiting_seconds": mail["oldest_waiting_seconds"],
            "mail_failed": mail["failed"],
        }
    )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        # Absolute, as the protocol requires; at SITE_URL, whatever Host the request named.
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def database_unavailable(request):
    """The 503 page: rendered without touching the database, which is the thing that is down.

    Under /api/ the same answer in JSON, as every error of the API.
    """
    if is_api_request(request):
        response = error_response(
            503,
            _("The catalogue is briefly unavailable. Please try again in %(seconds)d seconds.")
            % {"seconds": RETRY_AFTER},
        )
    else:
        response = render(request, "503.html", {"retry_after": RETRY_AFTER}, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def server_error(request):
    """handler500: the 503 page when the database is what failed, the 500 page otherwise."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    return default_server_error(request)
