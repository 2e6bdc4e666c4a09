"""The site's sitemap: the index and list pages here, the detail pages from each app.

Served as an index at /sitemap.xml (referenced from robots.txt) with one
section per kind of page; a section longer than 50,000 addresses, the limit of
the sitemap protocol, is split into pages listed in the index.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from measures.sitemaps import MeasureSitemap, RegionSitemap, ThemeSitemap
from partners.sitemaps import PartnerSitemap


class PageSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "measures:list",
            "measures:region_list",
            "measures:theme_list",
            "partners:list",
        ]

    def location(self, name):
        with translation.override(settings.LANGUAGE_CODE):
            return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "measures": MeasureSitemap,
    "regions": RegionSitemap,
    "themes": ThemeSitemap,
    "partners": PartnerSitemap,
}
