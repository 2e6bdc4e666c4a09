"""Recompute every measure's search vector (PostgreSQL), e.g. after a raw data import."""

from django.core.management.base import BaseCommand

from measures.caching import content_version
from measures.models import Measure
from measures.search.index import refresh_search_vectors
from measures.search.query import is_postgresql


class Command(BaseCommand):
    help = "Recompute the full-text search vectors of all measures (PostgreSQL only)."

    def handle(self, *args, **options):
        if not is_postgresql():
            self.stdout.write("SQLite searches the texts directly; nothing to do.")
            return
        refresh_search_vectors()
        # Search results may differ now; a raw UPDATE sends no signal.
        content_version.bump()
        self.stdout.write(self.style.SUCCESS(f"Indexed {Measure.objects.count()} measures."))
