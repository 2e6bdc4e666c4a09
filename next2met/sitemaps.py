"""The site's sitemap: one section per kind of public page, each in every language.

Served as an index at /sitemap.xml (named in robots.txt); a section longer than
a sitemap page (50,000 addresses, the protocol's limit, or less) is split into
pages that the index lists. Every address starts with SITE_URL.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse

from measures.catalogue.sitemaps import (
    AllLanguagesSitemap,
    MeasureSitemap,
    RegionSitemap,
    ThemeSitemap,
)
from measures.site_url import rooted_at_site
from partners.models import Partner


class PageSitemap(AllLanguagesSitemap):
    """The home page, the index pages, the transfers and the statistics."""

    def items(self):
        return [
            "home",
            "measures:list",
            "measures:region_list",
            "measures:theme_list",
            "partners:list",
            "measures:transfers",
            "measures:statistics",
        ]

    def location(self, name):
        return reverse(name)


class PartnerSitemap(AllLanguagesSitemap):
    """Every partner's page, former partners' included: their measures stay listed."""

    def items(self):
        return Partner.objects.order_by("name")


SITEMAPS = {
    "pages": PageSitemap,
    "measures": MeasureSitemap,
    "regions": RegionSitemap,
    "themes": ThemeSitemap,
    "partners": PartnerSitemap,
}


def page_query(request):
    """The query string naming the sitemap page `request` asks for, however `p` is written.

    Django reads the last `p` with int(): p=01, p=+1, p=%201 and p=1&p=1 are all
    page 1 (as is no p at all), and each must find the page already kept rather
    than make 10,000 addresses again. A `p` int() refuses gets Django's 404, made
    under one key of its own.
    """
    page = request.GET.get("p", "1")
    try:
        number = int(page)
    except ValueError:
        return "p=invalid"
    return "" if number == 1 else f"p={number}"


def index(request, **kwargs):
    """Django's sitemap index, with the sections' addresses at SITE_URL.

    Django builds them from the request's host, and its index asks no sitemap for it.
    """
    response = sitemap_views.index(request, **kwargs)
    for item in response.context_data["sitemaps"]:
        item.location = rooted_at_site(item.location)
    return response
