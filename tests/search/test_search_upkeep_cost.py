"""What keeping a measure's search text up to date costs when it is saved, counted in queries.

The search text and, on PostgreSQL, the vector are rewritten on every save of a
measure, of its themes and of its translations. Reading the texts through the
batch path's prefetches took six queries on SQLite and seven on PostgreSQL;
one query reading them all and one writing text and vector take two on both,
however many translations and themes the measure has.
"""

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from measures.models import CategoryTranslation, Measure, MeasureTranslation, RegionTranslation
from measures.search import index
from tests.factories import CategoryFactory, MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

UPKEEP_QUERIES = 2


@pytest.fixture
def measure():
    region = RegionFactory(name="Päijät-Häme", name_local="Päijät-Häme")
    RegionTranslation.objects.create(region=region, language="de", name="Päijät-Häme (Region)")
    themes = [CategoryFactory(name="E-health"), CategoryFactory(name="Home care")]
    for theme, name in zip(themes, ["E-Gesundheit", "Häusliche Pflege"], strict=True):
        CategoryTranslation.objects.create(category=theme, language="de", name=name)
    measure = MeasureFactory(
        title="Video appointments",
        title_local="Videovastaanotot",
        summary="Clients see nurses by video.",
        evidence="Thousands of calls a year.",
        main_institution="Wellbeing services county",
        region=region,
        categories=themes,
    )
    for language, title in [("de", "Videosprechstunden"), ("fi", "Videovastaanotot")]:
        MeasureTranslation.objects.create(
            measure=measure, language=language, title=title, problem="Weite Wege."
        )
    return Measure.objects.get(pk=measure.pk)


def save_queries(measure):
    with CaptureQueriesContext(connection) as captured:
        measure.save()
    return len(captured)


def test_saving_a_measure_costs_two_queries_of_search_upkeep(measure):
    measure.summary = "Clients see nurses by video from home."
    with_upkeep = save_queries(measure)
    post_save.disconnect(sender=Measure, dispatch_uid="search-measure")
    try:
        without_upkeep = save_queries(measure)
    finally:
        index.connect()

    assert with_upkeep - without_upkeep == UPKEEP_QUERIES


def test_saving_only_fields_search_does_not_read_costs_no_search_upkeep(measure):
    measure.status = Measure.Status.ARCHIVED
    with CaptureQueriesContext(connection) as captured:
        index.measure_saved(sender=Measure, instance=measure, update_fields={"status"})
    assert len(captured) == 0

    measure.title = "Video appointments with nurses"
    measure.save(update_fields=["title"])
    assert " video appointments with nurses " in Measure.objects.get(pk=measure.pk).search_text


def test_the_search_upkeep_of_one_measure_costs_two_queries_whatever_its_parts(measure):
    with CaptureQueriesContext(connection) as captured:
        index.refresh_one(measure.pk)

    assert len(captured) == UPKEEP_QUERIES


def test_a_saved_measure_has_the_same_search_text_as_a_refresh_of_the_whole_catalogue(measure):
    measure.summary = "Clients see nurses by video from home."
    measure.save()
    saved = Measure.objects.values_list("search_text", "search_vector").get(pk=measure.pk)

    Measure.objects.update(search_text="", search_vector=None)
    index.refresh_search_index()
    refreshed = Measure.objects.values_list("search_text", "search_vector").get(pk=measure.pk)

    assert "from home" in saved[0]
    assert "videosprechstunden" in saved[0]
    assert "gesundheit" in saved[0]
    assert saved == refreshed


def test_a_saved_translation_refreshes_its_measure_in_two_queries(measure):
    translation = measure.translations.get(language="de")
    translation.summary = "Pflegekräfte per Video."
    with CaptureQueriesContext(connection) as captured:
        index.translation_changed(sender=MeasureTranslation, instance=translation)

    assert len(captured) == UPKEEP_QUERIES
    assert "pflegekrafte" not in Measure.objects.get(pk=measure.pk).search_text
    translation.save()
    assert "pflegekrafte" in Measure.objects.get(pk=measure.pk).search_text
