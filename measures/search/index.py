"""The search index: each measure's search text and, on PostgreSQL, its search vector.

`refresh_search_index(ids)` rewrites both for the given measures (all when
None): the text (measures.search.document) in Python, the vector from it in
one SQL statement. A measure's text holds the names of its region, partner and
themes too, so a renamed region, partner or theme refreshes its measures; so
does a saved or deleted translation of a measure, region or theme.
"""

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from measures.models import (
    Category,
    CategoryTranslation,
    Measure,
    MeasureTranslation,
    Region,
    RegionTranslation,
)
from measures.search.document import search_text
from measures.search.languages import REGION_CONFIGS, TRANSLATION_CONFIGS
from partners.models import Partner

# Measures read and written at a time: bounds the memory of a refresh of the whole catalogue.
BATCH_SIZE = 500


def _language_vectors():
    """The texts in other languages once more, stemmed by their language's dictionary.

    A translation with PostgreSQL's configuration of its language (German,
    Finnish, Spanish), and the local title with that of its region's country;
    the search text has them word by word already (Polish has no dictionary).
    """
    parts = []
    for language, config in TRANSLATION_CONFIGS.items():
        parts.append(
            f"""
 || coalesce((SELECT
        setweight(to_tsvector('{config}', unaccent(t.title)), 'A')
     || setweight(to_tsvector('{config}', unaccent(t.summary)), 'B')
     || setweight(to_tsvector('{config}', unaccent(concat_ws(' ', t.description, t.problem,
            t.resources, t.evidence, t.difficulties, t.transfer_potential))), 'C')
      FROM measures_measuretranslation t WHERE t.measure_id = m.id AND t.language = '{language}'),
    ''::tsvector)"""
        )
    countries = " ".join(
        f"WHEN '{country}' THEN '{config}'" for country, config in REGION_CONFIGS.items()
    )
    parts.append(
        f"""
 || setweight(to_tsvector(CASE r.country {countries} ELSE 'simple' END::regconfig,
        unaccent(m.title_local)), 'A')"""
    )
    return "".join(parts)


def _section_vector(number, weight):
    line = f"split_part(m.search_text, E'\\n', {number})"
    return f"setweight(to_tsvector('simple', {line}) || to_tsvector('english', {line}), '{weight}')"


# Every word of the search text as it is (so a word's beginning matches, as on
# SQLite) and as English stems it (so "cities" finds "city"), in its section's weight.
_VECTOR_SQL = f"""
UPDATE measures_measure AS m SET search_vector =
    {_section_vector(1, "A")}
 || {_section_vector(2, "B")}
 || {_section_vector(3, "C")}
 || {_section_vector(4, "D")}{_language_vectors()}
FROM measures_region AS r
WHERE r.id = m.region_id
"""


def refresh_search_vectors(measure_ids=None):
    """Recompute the search vectors of the given measures (all when None) from their texts."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if measure_ids is None:
            cursor.execute(_VECTOR_SQL)
        else:
            ids = list(measure_ids)
            if ids:
                cursor.execute(_VECTOR_SQL + " AND m.id = ANY(%s)", [ids])


def _names(obj):
    return [obj.name, getattr(obj, "name_local", ""), *(t.name for t in obj.translations.all())]


def _measures(ids):
    measures = Measure.objects.for_search_text().order_by("pk")
    return measures if ids is None else measures.filter(pk__in=ids)


def refresh_search_texts(measure_ids=None):
    """Rewrite the search texts of the given measures (all when None), a batch at a time."""
    ids = None if measure_ids is None else list(measure_ids)
    if ids == []:
        return
    batch = []
    for measure in _measures(ids).iterator(chunk_size=BATCH_SIZE):
        themes = [name for theme in measure.categories.all() for name in _names(theme)]
        measure.search_text = search_text(
            measure, measure.translations.all(), themes, _names(measure.region)
        )
        batch.append(measure)
        if len(batch) == BATCH_SIZE:
            Measure.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Measure.objects.bulk_update(batch, ["search_text"])


def refresh_search_index(measure_ids=None):
    """The search texts, then the vectors made from them, of the given measures (all when None)."""
    ids = None if measure_ids is None else list(measure_ids)
    refresh_search_texts(ids)
    refresh_search_vectors(ids)


def measure_saved(sender, instance, **kwargs):
    # At once, in the same transaction: a measure's themes are saved after the
    # measure itself, and their m2m_changed signal refreshes it once more.
    refresh_search_index([instance.pk])


def themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # Measures added to or removed from a theme.
        refresh_search_index(list(pk_set or instance.measures.values_list("pk", flat=True)))
    else:
        refresh_search_index([instance.pk])


def name_changed(sender, instance, created, **kwargs):
    if not created:
        refresh_search_index(list(instance.measures.values_list("pk", flat=True)))


def translation_changed(sender, instance, **kwargs):
    """A text in another language of a measure, or a translated region or theme name."""
    if isinstance(instance, MeasureTranslation):
        refresh_search_index([instance.measure_id])
    else:
        parent = getattr(instance, instance.PARENT)
        refresh_search_index(list(parent.measures.values_list("pk", flat=True)))


def connect():
    post_save.connect(measure_saved, sender=Measure, dispatch_uid="search-measure")
    m2m_changed.connect(
        themes_changed, sender=Measure.categories.through, dispatch_uid="search-themes"
    )
    for model in (Region, Category, Partner):
        post_save.connect(name_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
    for model in (MeasureTranslation, RegionTranslation, CategoryTranslation):
        for signal in (post_save, post_delete):
            signal.connect(
                translation_changed, sender=model, dispatch_uid=f"search-{model.__name__}"
            )
