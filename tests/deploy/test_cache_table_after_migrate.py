"""`migrate` makes the database cache's table whatever cache its own run uses.

A database migrated with debug on (local memory) or with Redis may be served with
debug off and without Redis, whose cache is the table: without it the list and the
search answered 503 ("no such table: n2m_cache").
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def tables():
    return connection.introspection.table_names()


@pytest.mark.django_db(transaction=True)
@override_settings(CACHES=LOCAL_MEMORY)
def test_migrate_with_a_local_memory_cache_makes_the_database_cache_table():
    with connection.schema_editor() as editor:
        editor.execute(f"DROP TABLE {connection.ops.quote_name(settings.N2M_DATABASE_CACHE_TABLE)}")
    assert settings.N2M_DATABASE_CACHE_TABLE not in tables()

    call_command("migrate", verbosity=0)

    assert settings.N2M_DATABASE_CACHE_TABLE in tables()


@pytest.mark.django_db
def test_the_test_database_migrated_with_debug_on_has_the_cache_table():
    assert settings.N2M_DATABASE_CACHE_TABLE in tables()
