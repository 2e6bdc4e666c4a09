"""The sitemap of the partner pages, one per partner organisation, former ones included."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation

from partners.models import Partner


class PartnerSitemap(Sitemap):
    def items(self):
        return Partner.objects.order_by("name")

    def location(self, partner):
        # In the default language whatever the crawler's Accept-Language, as the other sections.
        with translation.override(settings.LANGUAGE_CODE):
            return partner.get_absolute_url()
