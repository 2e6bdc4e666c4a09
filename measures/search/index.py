"""The PostgreSQL search vectors: how they are computed, and kept in step with the texts.

A measure's vector holds the names of its region, partner and themes too, so a
renamed region, partner or theme refreshes the vectors of its measures; so does
a saved or deleted translation of a measure, region or theme.
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
from measures.search.query import NAME_CONFIG, TEXT_CONFIG, is_postgresql
from partners.models import Partner


# Every string_agg has an ORDER BY, so the same rows always give the same vector
# (a reload of the seed data must change nothing).
# The texts in other languages (measures.models.translation): a translated
# title, summary and description weigh like the English ones, translated region
# and theme names like the English names. Each text is indexed twice: word by
# word (so any word of any language finds it, PostgreSQL having no Polish
# stemmer, and the last word of a query matches as a prefix) and as the English
# prose is, so the stemmed English reading of a query, which every query gets,
# matches them too (e.g. "Coworking-Räume", read with websearch syntax).
def _translated_text_vector(field, weight):
    text = (
        f"coalesce((SELECT string_agg(t.{field}, ' ' ORDER BY t.language)"
        " FROM measures_measuretranslation t WHERE t.measure_id = m.id), '')"
    )
    return (
        f" || setweight(to_tsvector('{NAME_CONFIG}', {text})"
        f" || to_tsvector('{TEXT_CONFIG}', {text}), '{weight}')"
    )


_TRANSLATED_VECTOR_SQL = (
    _translated_text_vector("title", "A")
    + _translated_text_vector("summary", "B")
    + _translated_text_vector("description", "C")
    + f"""
 || setweight(to_tsvector('{NAME_CONFIG}', concat_ws(' ',
        (SELECT string_agg(rt.name, ' ' ORDER BY rt.language) FROM measures_regiontranslation rt
          WHERE rt.region_id = m.region_id),
        (SELECT string_agg(ct.name, ' ' ORDER BY ct.language, ct.name)
           FROM measures_categorytranslation ct
           JOIN measures_measure_categories mc ON mc.category_id = ct.category_id
          WHERE mc.measure_id = m.id))), 'D')"""
)

_VECTOR_SQL = f"""
UPDATE measures_measure AS m SET search_vector =
    setweight(to_tsvector('{NAME_CONFIG}', coalesce(m.title, '') || ' ' || coalesce(m.title_local, '')), 'A')
 || setweight(to_tsvector('{TEXT_CONFIG}', coalesce(m.title, '')), 'A')
 || setweight(to_tsvector('{TEXT_CONFIG}', coalesce(m.summary, '')), 'B')
 || setweight(to_tsvector('{TEXT_CONFIG}', concat_ws(' ', m.description, m.problem, m.resources,
        m.evidence, m.difficulties, m.transfer_potential, m.main_institution, m.funding)), 'C')
 || setweight(to_tsvector('{NAME_CONFIG}', concat_ws(' ', r.name, r.name_local, p.name, p.short_name,
        (SELECT string_agg(c.name, ' ' ORDER BY c.name) FROM measures_category c
           JOIN measures_measure_categories mc ON mc.category_id = c.id
          WHERE mc.measure_id = m.id))), 'D'){_TRANSLATED_VECTOR_SQL}
FROM measures_region AS r, partners_partner AS p
WHERE r.id = m.region_id AND p.id = m.partner_id
"""  # noqa: E501


def refresh_search_vectors(measure_ids=None):
    """Recompute the search vectors of the given measures (all when None) in one statement."""
    if not is_postgresql():
        return
    with connection.cursor() as cursor:
        if measure_ids is None:
            cursor.execute(_VECTOR_SQL)
        else:
            ids = list(measure_ids)
            if ids:
                cursor.execute(_VECTOR_SQL + " AND m.id = ANY(%s)", [ids])


def _refresh(ids):
    # At once, in the same transaction: a measure's themes are saved after the
    # measure itself, and their m2m_changed signal refreshes it once more.
    refresh_search_vectors(ids)


def measure_saved(sender, instance, **kwargs):
    if is_postgresql():
        _refresh([instance.pk])


def themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not is_postgresql() or action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # Measures added to or removed from a theme.
        _refresh(list(pk_set or instance.measures.values_list("pk", flat=True)))
    else:
        _refresh([instance.pk])


def name_changed(sender, instance, created, **kwargs):
    if is_postgresql() and not created:
        _refresh(list(instance.measures.values_list("pk", flat=True)))


def translation_changed(sender, instance, **kwargs):
    """A text in another language of a measure, or a translated region or theme name."""
    if not is_postgresql():
        return
    if isinstance(instance, MeasureTranslation):
        _refresh([instance.measure_id])
    else:
        parent = getattr(instance, instance.PARENT)
        _refresh(list(parent.measures.values_list("pk", flat=True)))


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
