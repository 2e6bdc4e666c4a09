"""Rewrite every measure's search text and, on PostgreSQL, its search vector.

After a raw data import, or after an upgrade that changed how search reads texts
(measures.search.normalize, measures.search.document).
"""

from django.core.management.base import BaseCommand

from measures.caching import content_version
from measures.models import Measure
from measures.search.index import refresh_search_index


class Command(BaseCommand):
    help = "Rewrite the search texts (and on PostgreSQL the search vectors) of all measures."

    def handle(self, *args, **options):
        refresh_search_index()
        # Search results may differ now; a bulk update sends no signal.
        content_version.bump()
        self.stdout.write(self.style.SUCCESS(f"Indexed {Measure.objects.count()} measures."))
