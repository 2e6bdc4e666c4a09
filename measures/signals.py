"""Keeps the PostgreSQL search vectors in step with the texts they index.

A measure's vector holds the names of its region, partner and themes too, so a
renamed region, partner or theme refreshes the vectors of its measures; so does
a saved or deleted translation of a measure, region or theme.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from measures.models import (
    Category,
    CategoryTranslation,
    Measure,
    MeasureTranslation,
    Region,
    RegionTranslation,
)
from measures.search import is_postgresql, refresh_search_vectors
from partners.models import Partner


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
