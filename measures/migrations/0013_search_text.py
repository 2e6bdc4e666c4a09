"""A measure's search text (case, accents and spelling variants made the same), and unaccent.

The text is filled here for every existing measure and, on PostgreSQL, the
search vectors are made anew from it. The fields the text is made of and the
vector's SQL are frozen as this migration knew them: measures.search changes
with the app, and a migration that read fields added later would fail on an
older database. The words are read by measures.search.normalize, rules of text
alone. `manage.py refresh_search_index` rewrites both with the app's current rules.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

from measures.search.normalize import normalize

BODY_FIELDS = ("description", "problem", "resources", "evidence", "difficulties")
BODY_FIELDS += ("transfer_potential",)
TRANSLATION_CONFIGS = {"de": "german", "fi": "finnish", "es": "spanish"}


class UnaccentExtensionOnPostgreSQL(UnaccentExtension):
    """unaccent; forward and back, nothing on other databases (see 0005's pg_trgm)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _join(texts):
    return normalize(" ".join(text for text in texts if text))


def _names(obj, with_local=True):
    local = [obj.name_local] if with_local else []
    return [obj.name, *local, *(t.name for t in obj.translations.all())]


def _text(measure):
    translations = list(measure.translations.all())
    themes = [name for theme in measure.categories.all() for name in _names(theme, False)]
    partner = measure.partner
    return "\n".join(
        _join(texts)
        for texts in [
            [measure.title, measure.title_local, *(t.title for t in translations)],
            [measure.summary, *(t.summary for t in translations), *themes],
            [
                *(getattr(measure, name) for name in BODY_FIELDS),
                *(getattr(t, name) for t in translations for name in BODY_FIELDS),
                measure.main_institution,
                measure.funding,
            ],
            [*_names(measure.region), partner.name, partner.name_local, partner.short_name],
        ]
    )


def _section(number, weight):
    line = f"split_part(m.search_text, E'\\n', {number})"
    return f"setweight(to_tsvector('simple', {line}) || to_tsvector('english', {line}), '{weight}')"


def _translation(language, config):
    return f"""
 || coalesce((SELECT
        setweight(to_tsvector('{config}', unaccent(t.title)), 'A')
     || setweight(to_tsvector('{config}', unaccent(t.summary)), 'B')
     || setweight(to_tsvector('{config}', unaccent(concat_ws(' ', t.description, t.problem,
            t.resources, t.evidence, t.difficulties, t.transfer_potential))), 'C')
      FROM measures_measuretranslation t WHERE t.measure_id = m.id AND t.language = '{language}'),
    ''::tsvector)"""


VECTOR_SQL = f"""
UPDATE measures_measure AS m SET search_vector =
    {_section(1, "A")} || {_section(2, "B")} || {_section(3, "C")} || {_section(4, "D")}
    {"".join(_translation(language, config) for language, config in TRANSLATION_CONFIGS.items())}
 || setweight(to_tsvector(CASE r.country WHEN 'AT' THEN 'german' WHEN 'DE' THEN 'german'
        WHEN 'FI' THEN 'finnish' ELSE 'simple' END::regconfig, unaccent(m.title_local)), 'A')
FROM measures_region AS r
WHERE r.id = m.region_id
"""


def fill(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    measures = Measure.objects.select_related("region", "partner").prefetch_related(
        "translations", "region__translations", "categories__translations"
    )
    batch = []
    for measure in measures.iterator(chunk_size=500):
        measure.search_text = _text(measure)
        batch.append(measure)
        if len(batch) == 500:
            Measure.objects.bulk_update(batch, ["search_text"])
            batch = []
    Measure.objects.bulk_update(batch, ["search_text"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0012_content_documentation"),
    ]

    operations = [
        UnaccentExtensionOnPostgreSQL(),
        migrations.AddField(
            model_name="measure",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="search text"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
