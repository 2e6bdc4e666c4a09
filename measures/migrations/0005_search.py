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


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)
        from measures.search import refresh_search_vectors

        refresh_search_vectors()


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_image_validation"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="measure",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search index"
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
