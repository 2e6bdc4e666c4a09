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


def index(request, **kwargs):
    """Django's sitemap index, with the sections' addresses at SITE_URL.

    Django builds them from the request's host, and its index asks no sitemap for it.
    """
    response = sitemap_views.index(request, **kwargs)
    for item in response.context_data["sitemaps"]:
        item.location = rooted_at_site(item.location)
    return response
