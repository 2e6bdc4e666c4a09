"""Sitemaps of the catalogue: every published measure, every region and theme page,
each in every language of the site.

Each entry names its other language versions (hreflang alternates), and the
unprefixed address that redirects by the visitor's language as x-default.
Addresses start with SITE_URL, not with the host the request named.
Django's i18n sitemap makes the (item, language) pairs of all items in memory on
every request; `ItemsInLanguages` reads only the items of the page asked for,
so 100,000 measures cost one page of rows, not the catalogue.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet

from measures.models import Category, Measure, Region
from measures.site_url import site_scheme_and_host


class ItemsInLanguages:
    """The (item, language) pairs of `items` in `languages`, sliced for the paginator."""

    def __init__(self, items, languages):
        self.items, self.languages = items, list(languages)

    def count(self):
        rows = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return rows * len(self.languages)

    def __getitem__(self, index):
        # The paginator only ever asks for a slice.
        per_item = len(self.languages)
        first, last = index.start // per_item, -(-index.stop // per_item)
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        skip = index.start - first * per_item
        return pairs[skip : skip + index.stop - index.start]


class AllLanguagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return ItemsInLanguages(self.items(), self._languages())

    def _location(self, item, force_lang_code=None):
        # Django asks an item's address in a language once for its own entry and
        # once more for the alternates of each of its language versions (seven
        # times with five languages); one reverse() each is plenty.
        obj, language = item
        key = (obj, force_lang_code or language)
        locations = self.__dict__.setdefault("_locations", {})
        if key not in locations:
            locations[key] = super()._location(item, force_lang_code)
        return locations[key]

    # Django passes the request's scheme and host; the site's own address wins.
    def get_protocol(self, protocol=None):
        return site_scheme_and_host()[0]

    def get_domain(self, site=None):
        return site_scheme_and_host()[1]


class MeasureSitemap(AllLanguagesSitemap):
    # Each address carries one alternate per language: pages of 10,000 stay small and quick.
    limit = 10_000

    def items(self):
        return Measure.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, measure):
        return measure.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of Django's default, a loop over every item.
        return Measure.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class RegionSitemap(AllLanguagesSitemap):
    def items(self):
        return Region.objects.order_by("name")


class ThemeSitemap(AllLanguagesSitemap):
    def items(self):
        return Category.objects.order_by("position", "name")
