"""Site-wide views: the home page, the health check and robots.txt."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from measures.models import Category, Measure, Region
from partners.models import Partner

LATEST_COUNT = 6


@require_GET
def home(request):
    published = Measure.objects.published()
    regions = list(Region.objects.with_measure_counts())
    context = {
        "latest_measures": published.for_listing().latest()[:LATEST_COUNT],
        "measure_count": published.count(),
        "regions": regions,
        "themes": Category.objects.with_measure_counts(),
        "partner_count": Partner.objects.active().count(),
        "countries": len({region.country for region in regions}),
    }
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not; nothing else is revealed."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
