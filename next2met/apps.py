"""App configuration of the project package, so its templates and commands are found.

It also has `migrate` make the database cache's table (settings.CACHES, in
production without Redis), so no release step can forget `createcachetable`:
whatever the settings `migrate` runs with, since a database migrated with debug
on (whose cache is local memory) or with Redis may be served without either.
"""

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using, verbosity=1, **kwargs):
    # Only caches that use the database need a table; the command skips those that
    # have one and does nothing for Redis or local memory. The production cache's
    # table is made even when this run's cache is elsewhere.
    quiet = max(verbosity - 1, 0)
    call_command("createcachetable", database=using, verbosity=quiet)
    call_command(
        "createcachetable", settings.N2M_DATABASE_CACHE_TABLE, database=using, verbosity=quiet
    )


class Next2MetConfig(AppConfig):
    name = "next2met"
    verbose_name = "Next2Met"

    def ready(self):
        # After the catalogue's migrations: once per `migrate`, on the database it migrated.
        post_migrate.connect(
            create_cache_table,
            sender=apps.get_app_config("measures"),
            dispatch_uid="next2met-create-cache-table",
        )
