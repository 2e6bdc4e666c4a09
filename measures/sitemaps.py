"""Sitemaps of the catalogue: every published measure, every region and theme page.

Addresses are made in the default language: the sitemap is served outside the
language prefix, and a crawler's Accept-Language must not change what it lists.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import translation

from measures.models import Category, Measure, Region


class DefaultLanguageSitemap(Sitemap):
    def location(self, item):
        with translation.override(settings.LANGUAGE_CODE):
            return item.get_absolute_url()


class MeasureSitemap(DefaultLanguageSitemap):
    def items(self):
        return Measure.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, measure):
        return measure.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of Django's default, a loop over every item.
        return Measure.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class RegionSitemap(DefaultLanguageSitemap):
    def items(self):
        return Region.objects.order_by("name")


class ThemeSitemap(DefaultLanguageSitemap):
    def items(self):
        return Category.objects.order_by("position", "name")
