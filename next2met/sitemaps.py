"""The site's sitemap: one section per kind of public page, each in every language.

Served as an index at /sitemap.xml (named in robots.txt); a section longer than
a sitemap page (50,000 addresses, the protocol's limit, or less) is split into
pages that the index lists.
"""

from django.urls import reverse

from measures.catalogue.sitemaps import (
    AllLanguagesSitemap,
    MeasureSitemap,
    RegionSitemap,
    ThemeSitemap,
)
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
