"""Every migration applies backwards and forwards again on a populated database.

With the seed and work in progress loaded, each app is migrated back as far as
its data allows (unapplying every later migration with the rows in place), then
forwards one migration at a time. What the earliest migrations hold (the
measures with their texts, states and relations, the partners, the regions)
comes through, and the site answers its pages afterwards.

How far back: partners to its first migration. Measures to 0003, which made the
start year optional: the seed has measures without one, so going further back
would have to invent years, and the migration refuses with a message instead.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.loader import MigrationLoader

from tests.reliability.populated import populate, public_paths, render_pages

pytestmark = pytest.mark.django_db(transaction=True)

# app → the earliest migration its populated data can go back to
EARLIEST = {"measures": "0003_start_year_optional", "partners": "0001_initial"}
# Columns every migration of the two apps keeps, read with SQL: between migrations
# the models do not match the tables.
CORE_ROWS = {
    "measures_measure": "slug, title, summary, status, region_id, partner_id",
    "measures_measure_categories": "measure_id, category_id",
    "measures_region": "slug, name",
    "partners_partner": "slug, name",
}


def migrations_of(app):
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(name for label, name in loader.disk_migrations if label == app)


def core_rows():
    rows = {}
    with connection.cursor() as cursor:
        for table, columns in CORE_ROWS.items():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {columns}")
            rows[table] = cursor.fetchall()
    return rows


def test_every_migration_applies_backwards_and_forwards_on_a_populated_database():
    found = populate()
    before = core_rows()
    assert len(before["measures_measure"]) > 30
    steps = []
    try:
        for app, earliest in EARLIEST.items():
            names = migrations_of(app)
            later = names[names.index(earliest) + 1 :]
            assert later, f"{app} has no migration after {earliest}: nothing to test"
            call_command("migrate", app, earliest, verbosity=0)
            assert core_rows() == before, f"rows lost migrating {app} back to {earliest}"
            for name in later:
                call_command("migrate", app, name, verbosity=0)
                steps.append(f"{app}.{name}")
            assert core_rows() == before, f"rows lost migrating {app} forwards"
    finally:
        # The next test needs the full schema, whatever happened above.
        call_command("migrate", verbosity=0)

    assert "measures.0004_image_validation" in steps
    assert "partners.0002_verification_reminded_on" in steps
    cache.clear()
    pages = render_pages(public_paths(found))
    not_found = {path for path, (status, _body) in pages.items() if status != 200}
    assert not_found == {f"/en/measures/{found['archived']}/"}
    # The search index is filled again: a search finds what it found before.
    assert "care" in pages["/en/measures/?q=care"][1].lower()


def test_going_back_past_the_optional_start_year_is_refused_while_years_are_unknown():
    populate()
    before = core_rows()
    try:
        call_command("migrate", "measures", "0003_start_year_optional", verbosity=0)

        with pytest.raises(IrreversibleError, match="measures have no start year"):
            call_command("migrate", "measures", "0002_review", verbosity=0)

        assert core_rows() == before
    finally:
        call_command("migrate", verbosity=0)
