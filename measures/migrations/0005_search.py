import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The GIN index and the first filling of the vectors exist on PostgreSQL only;
# SQLite keeps the column empty and searches the texts directly.
CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS measure_search_vector_gin "
    "ON measures_measure USING gin (search_vector)"
)
DROP_INDEX = "DROP INDEX IF EXISTS measure_search_vector_gin"
# The vectors as this migration knew them, frozen here: measures.search changes with
# the app (it now reads translation tables that a later migration creates), and a
# migration that called it would fail on a fresh database.
FILL_VECTORS = """
UPDATE measures_measure AS m SET search_vector =
    setweight(to_tsvector('simple', coalesce(m.title, '') || ' ' || coalesce(m.title_local, '')), 'A')
 || setweight(to_tsvector('english', coalesce(m.title, '')), 'A')
 || setweight(to_tsvector('english', coalesce(m.summary, '')), 'B')
 || setweight(to_tsvector('english', concat_ws(' ', m.description, m.problem, m.resources,
        m.evidence, m.difficulties, m.transfer_potential, m.main_institution, m.funding)), 'C')
 || setweight(to_tsvector('simple', concat_ws(' ', r.name, r.name_local, p.name, p.short_name,
        (SELECT string_agg(c.name, ' ') FROM measures_category c
           JOIN measures_measure_categories mc ON mc.category_id = c.id
          WHERE mc.measure_id = m.id))), 'D')
FROM measures_region AS r, partners_partner AS p
WHERE r.id = m.region_id AND p.id = m.partner_id
"""


class TrigramExtensionOnPostgreSQL(TrigramExtension):
    """pg_trgm; its reverse, like its forward, does nothing on other databases.

    Django's own reverse asks PostgreSQL's catalogue whatever the database, so
    migrating back past this migration failed on SQLite.
    """

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)
        schema_editor.execute(FILL_VECTORS)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_image_validation"),
    ]

    operations = [
        TrigramExtensionOnPostgreSQL(),
        migrations.AddField(
            model_name="measure",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search index"
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
