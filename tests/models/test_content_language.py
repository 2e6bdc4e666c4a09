"""measures.content_language: the text in the visitor's language, or English, knowing which."""

import pickle

import pytest
from django.utils.translation import override

from measures.content_language import LocalText, localized, prefetch_translations
from measures.models import Measure, MeasureTranslation

pytestmark = pytest.mark.django_db


def test_english_pages_read_the_english_fields(catalogue):
    with override("en"):
        title = localized(catalogue["translated"], "title")
        assert title.lang_attr == ""

    assert title == "Rural coworking spaces"
    assert title.lang == "en"


def test_a_translated_field_is_in_the_visitors_language(catalogue):
    with override("de"):
        title = localized(catalogue["translated"], "title")
        assert title.lang_attr == ""

    assert title == "Coworking-Räume auf dem Land"
    assert title.lang == "de"
    with override("en"):
        # The same text on a page in another language is marked as German.
        assert title.lang_attr == ' lang="de"'


def test_an_empty_or_blank_translated_field_falls_back_to_english(catalogue):
    MeasureTranslation.objects.filter(measure=catalogue["translated"]).update(summary="  ")
    measure = Measure.objects.get(pk=catalogue["translated"].pk)

    with override("de"):
        summary = localized(measure, "summary")
        assert summary.lang_attr == ' lang="en"'

    assert summary == "Shared offices in villages so that people can work near home."


def test_a_regional_variant_of_the_language_uses_its_translation(catalogue):
    with override("de-at"):
        assert localized(catalogue["translated"], "title") == "Coworking-Räume auf dem Land"


def test_an_object_looks_its_translation_up_once(catalogue, django_assert_num_queries):
    measure = Measure.objects.get(pk=catalogue["translated"].pk)

    with override("de"), django_assert_num_queries(1):
        localized(measure, "title")
        localized(measure, "summary")


def test_prefetched_translations_need_no_query(catalogue, django_assert_num_queries):
    with override("de"):
        measures = list(
            Measure.objects.prefetch_related(*prefetch_translations(Measure)).order_by("pk")
        )
        with django_assert_num_queries(0):
            titles = [localized(measure, "title") for measure in measures]

    assert titles == ["Coworking-Räume auf dem Land", "Smart farming data hub"]


def test_nothing_is_prefetched_for_english():
    with override("en"):
        assert prefetch_translations(Measure, "region", "categories") == []


def test_a_local_text_keeps_its_language_through_pickling():
    text = pickle.loads(pickle.dumps(LocalText("Hallo", "de")))

    assert (text, text.lang) == ("Hallo", "de")
