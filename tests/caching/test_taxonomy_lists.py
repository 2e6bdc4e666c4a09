"""A measure's theme and target-group lists come from the cached taxonomy, and stay right."""

import pytest

from measures.models import Category, Measure
from tests.conftest import read_taxonomy_into_cache
from tests.factories import CategoryFactory, MeasureFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


def test_listed_measures_have_their_themes_and_groups_in_taxonomy_order():
    late = CategoryFactory(name="Alpha", position=9)
    early = CategoryFactory(name="Zulu", position=1)
    groups = [TargetGroupFactory(name="Youth", position=2), TargetGroupFactory(name="SMEs")]
    MeasureFactory(slug="one", categories=[late, early], target_groups=groups)
    MeasureFactory(slug="none", categories=[], target_groups=[])
    read_taxonomy_into_cache()

    measures = {m.slug: m for m in Measure.objects.published().for_listing()}

    assert [t.name for t in measures["one"].theme_list] == ["Zulu", "Alpha"]
    assert sorted(g.name for g in measures["one"].target_group_list) == ["SMEs", "Youth"]
    assert measures["none"].theme_list == []


def test_reading_the_lists_adds_no_query(django_assert_num_queries):
    MeasureFactory.create_batch(3, categories=[CategoryFactory()], target_groups=[])
    read_taxonomy_into_cache()

    with django_assert_num_queries(1):
        measures = list(Measure.objects.published().for_listing())
        names = [[t.name for t in m.theme_list] for m in measures]

    assert all(len(themes) == 1 for themes in names)


def test_a_theme_the_cached_rows_do_not_know_is_read_from_the_database(monkeypatch):
    theme = CategoryFactory(name="Brand new")
    MeasureFactory(slug="fresh", categories=[theme])
    read_taxonomy_into_cache()
    # As if the cached taxonomy were older than the theme.
    monkeypatch.setattr("measures.models.measure.cached_taxonomy", lambda: {Category: []})

    measure = Measure.objects.published().for_listing().get(slug="fresh")

    assert [t.name for t in measure.theme_list] == ["Brand new"]


def test_a_measure_read_without_the_ids_asks_its_relation():
    theme = CategoryFactory(name="Plain")
    MeasureFactory(slug="plain", categories=[theme], target_groups=[])

    measure = Measure.objects.get(slug="plain")

    assert [t.name for t in measure.theme_list] == ["Plain"]
    assert measure.target_group_list == []
