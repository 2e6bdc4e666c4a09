"""The search index: each measure's search text and, on PostgreSQL, its search vector.

`refresh_search_index(ids)` rewrites both for the given measures (all when
None): the text (measures.search.document) in Python, the vector from it in
one SQL statement. A measure's text holds the names of its region, partner and
themes too, so a renamed region, partner or theme refreshes its measures; so
does a saved or deleted translation of a measure, region or theme.

A saved measure, its themes or one of its translations refresh that measure
alone, and that costs two queries on either database (`refresh_one`): one
reads every text the search text is made of, one writes it (and, on
PostgreSQL, the vector made from it); the batch path's prefetches took six.
"""

from types import SimpleNamespace

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
from measures.search.document import BODY_FIELDS, search_text
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


def _section_vector(number, weight, text="m.search_text"):
    line = f"split_part({text}, E'\\n', {number})"
    return f"setweight(to_tsvector('simple', {line}) || to_tsvector('english', {line}), '{weight}')"


def _vector(text="m.search_text"):
    """Every word of the search text as it is (so a word's beginning matches, as on
    SQLite) and as English stems it (so "cities" finds "city"), in its section's weight."""
    sections = "\n || ".join(
        _section_vector(number, weight, text) for number, weight in enumerate("ABCD", start=1)
    )
    return sections + _language_vectors()


_VECTOR_SQL = f"""
UPDATE measures_measure AS m SET search_vector = {_vector()}
FROM measures_region AS r
WHERE r.id = m.region_id
"""
# One measure's new text and the vector made from it, in one statement: the
# vector reads the new text, not the row's old one.
_TEXT_AND_VECTOR_SQL = f"""
UPDATE measures_measure AS m SET search_text = new.text, search_vector = {_vector("new.text")}
FROM measures_region AS r, (SELECT %s::text AS text) AS new
WHERE r.id = m.region_id AND m.id = %s
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


# What one measure's search text is made of, read in one query: rows of
# (kind, position, name, id, part, language) to put them in the batch path's order
# (measures.models: themes by position and name, translations by language),
# then up to eleven texts.
_MEASURE_TEXTS = ("title", "title_local", "summary", *BODY_FIELDS, "main_institution", "funding")
_TRANSLATION_TEXTS = ("title", "summary", *BODY_FIELDS)
MEASURE, TRANSLATION, THEME, REGION, PARTNER = range(5)


def _columns(texts, prefix):
    padded = [f"{prefix}.{name}" for name in texts]
    padded += ["''"] * (len(_MEASURE_TEXTS) - len(texts))
    return ", ".join(padded)


def _texts_sql():
    measure = Measure._meta.db_table
    themes = Measure.categories.through._meta.db_table
    return f"""
SELECT {MEASURE}, 0, '', 0, 0, '', {_columns(_MEASURE_TEXTS, "m")}
  FROM {measure} m WHERE m.id = %(id)s
UNION ALL
SELECT {TRANSLATION}, 0, '', 0, 0, t.language, {_columns(_TRANSLATION_TEXTS, "t")}
  FROM {MeasureTranslation._meta.db_table} t WHERE t.measure_id = %(id)s
UNION ALL
SELECT {THEME}, c.position, c.name, c.id, 0, '', {_columns(["name"], "c")}
  FROM {Category._meta.db_table} c JOIN {themes} mc ON mc.category_id = c.id
  WHERE mc.measure_id = %(id)s
UNION ALL
SELECT {THEME}, c.position, c.name, c.id, 1, ct.language, {_columns(["name"], "ct")}
  FROM {CategoryTranslation._meta.db_table} ct JOIN {Category._meta.db_table} c
    ON c.id = ct.category_id JOIN {themes} mc ON mc.category_id = c.id
  WHERE mc.measure_id = %(id)s
UNION ALL
SELECT {REGION}, 0, '', 0, 0, '', {_columns(["name", "name_local"], "r")}
  FROM {Region._meta.db_table} r JOIN {measure} m ON m.region_id = r.id WHERE m.id = %(id)s
UNION ALL
SELECT {REGION}, 0, '', 0, 1, rt.language, {_columns(["name"], "rt")}
  FROM {RegionTranslation._meta.db_table} rt JOIN {measure} m ON m.region_id = rt.region_id
  WHERE m.id = %(id)s
UNION ALL
SELECT {PARTNER}, 0, '', 0, 0, '', {_columns(["name", "name_local", "short_name"], "p")}
  FROM {Partner._meta.db_table} p JOIN {measure} m ON m.partner_id = p.id WHERE m.id = %(id)s
"""


def _search_text_of(measure_id):
    """The search text of one measure, from one query; None when it is gone."""
    with connection.cursor() as cursor:
        cursor.execute(_texts_sql(), {"id": measure_id})
        rows = sorted(cursor.fetchall(), key=lambda row: row[:6])
    parts = {kind: [] for kind in range(5)}
    for row in rows:
        parts[row[0]].append(row[6:])
    if not (parts[MEASURE] and parts[REGION] and parts[PARTNER]):
        return None
    measure = SimpleNamespace(**dict(zip(_MEASURE_TEXTS, parts[MEASURE][0], strict=True)))
    name, name_local, short_name = parts[PARTNER][0][:3]
    measure.partner = SimpleNamespace(name=name, name_local=name_local, short_name=short_name)
    translations = [
        SimpleNamespace(**dict(zip(_TRANSLATION_TEXTS, row, strict=False)))
        for row in parts[TRANSLATION]
    ]
    themes = [row[0] for row in parts[THEME]]
    region_names = [*parts[REGION][0][:2], *(row[0] for row in parts[REGION][1:])]
    return search_text(measure, translations, themes, region_names)


def refresh_one(measure_id):
    """Rewrite one measure's search text, and its vector on PostgreSQL: two queries."""
    text = _search_text_of(measure_id)
    if text is None:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_TEXT_AND_VECTOR_SQL, [text, measure_id])
    else:
        Measure.objects.filter(pk=measure_id).update(search_text=text)


# The fields of a measure its search text reads: a save of others only (a
# change of status, a stamp) leaves the text as it was.
SEARCHED_FIELDS = frozenset({*_MEASURE_TEXTS, "region", "partner"})


def measure_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not SEARCHED_FIELDS.intersection(update_fields):
        return
    # At once, in the same transaction: a measure's themes are saved after the
    # measure itself, and their m2m_changed signal refreshes it once more.
    refresh_one(instance.pk)


def themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # Measures added to or removed from a theme.
        refresh_search_index(list(pk_set or instance.measures.values_list("pk", flat=True)))
    else:
        refresh_one(instance.pk)


def name_changed(sender, instance, created, **kwargs):
    if not created:
        refresh_search_index(list(instance.measures.values_list("pk", flat=True)))


def translation_changed(sender, instance, **kwargs):
    """A text in another language of a measure, or a translated region or theme name."""
    if isinstance(instance, MeasureTranslation):
        refresh_one(instance.measure_id)
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
