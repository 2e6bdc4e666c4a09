"""Search finds a measure by the words of any of its languages, on SQLite and on PostgreSQL."""

import pytest
from django.db import connection

from measures.models import CategoryTranslation, Measure, MeasureTranslation
from measures.search.query import search_measures

pytestmark = pytest.mark.django_db


def found(query):
    return set(search_measures(Measure.objects.published(), query).values_list("slug", flat=True))


def test_a_german_title_finds_its_measure(catalogue):
    assert found("Coworking-Räume") == {"rural-coworking-spaces"}
    assert found("Dörfern") == {"rural-coworking-spaces"}


def test_english_words_still_find_the_measure(catalogue):
    assert found("coworking spaces") == {"rural-coworking-spaces"}


def test_translated_region_and_theme_names_find_their_measures(catalogue):
    assert found("Vorpommern") == {"rural-coworking-spaces"}
    assert found("Mobiles Arbeiten") == {"rural-coworking-spaces"}


def test_a_new_translation_is_found_at_once(catalogue):
    measure = catalogue["english_only"]
    assert found("Agrardaten") == set()

    MeasureTranslation.objects.create(
        measure=measure, language="de", title="Agrardaten-Drehscheibe", description="Sensoren"
    )

    assert found("Agrardaten") == {"smart-farming-data-hub"}


def test_a_changed_theme_translation_is_found_at_once(catalogue):
    translation = CategoryTranslation.objects.get(category=catalogue["theme"])
    translation.name = "Arbeiten auf dem Land"
    translation.save()

    assert found("Land") == {"rural-coworking-spaces"}


def test_a_deleted_translation_no_longer_finds_the_measure(catalogue):
    MeasureTranslation.objects.filter(measure=catalogue["translated"]).delete()

    assert found("Dörfern") == set()


def test_german_visitor_finds_the_measure_through_the_list(client, catalogue):
    html = client.get("/de/measures/?q=Coworking-Räume").content.decode()

    assert "Coworking-Räume auf dem Land" in html
    assert "Smart farming data hub" not in html


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL stems German; SQLite compares words"
)
def test_a_german_search_finds_other_forms_of_the_german_words(client, catalogue):
    # The German summary says "Gemeinsame Büros in Dörfern": German stemming reads
    # "gemeinsamen" and "Dorf" as the same words.
    response = client.get("/de/measures/", {"q": "gemeinsamen Dorf"})

    assert [measure.slug for measure in response.context["measures"]] == ["rural-coworking-spaces"]


def test_a_german_search_finds_a_german_title_without_its_umlauts(client, catalogue):
    response = client.get("/de/measures/", {"q": "Coworking-Raume"})

    assert [measure.slug for measure in response.context["measures"]] == ["rural-coworking-spaces"]
