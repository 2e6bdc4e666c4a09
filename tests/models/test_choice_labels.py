"""The labels of fixed choices (a region's country, a measure's budget) in the page's language."""

from unittest import mock

from django.utils import translation
from django.utils.translation import override

from measures.models import Measure, Region
from measures.models.choices import ChoiceLabels

FINLAND = Region(country="FI")


def counting_translations():
    """A mock that counts every translation of a message, and translates it as before."""
    return mock.patch.object(
        translation._trans, "gettext", wraps=translation._trans.gettext, autospec=False
    )


def test_a_country_is_named_in_the_language_of_the_page():
    with override("de"):
        assert FINLAND.get_country_display() == "Finnland"
    with override("en"):
        assert FINLAND.get_country_display() == "Finland"
    with override("de"):
        assert FINLAND.get_country_display() == "Finnland"


def test_a_value_that_is_no_choice_is_shown_as_it_is_stored():
    assert Region(country="XX").get_country_display() == "XX"
    assert Measure(budget_band="").get_budget_band_display() == ""


def test_naming_a_country_again_translates_nothing():
    with override("de"):
        FINLAND.get_country_display()
        with counting_translations() as gettext:
            for _ in range(20):
                assert FINLAND.get_country_display() == "Finnland"
    assert gettext.call_count == 0


def test_a_measure_and_its_region_read_their_labels_this_way():
    assert issubclass(Measure, ChoiceLabels)
    assert issubclass(Region, ChoiceLabels)
