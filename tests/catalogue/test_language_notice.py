"""A page in another language says so where it shows texts only written in English."""

import pytest

from measures.models import MeasureTranslation
from tests.factories import MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

NOTICE = "language-notice"


@pytest.fixture
def untranslated():
    return MeasureFactory(title="Village data hub", slug="data-hub", problem="No shared data.")


@pytest.fixture
def translated():
    measure = MeasureFactory(title="Coding club", slug="coding-club", description="Kids code.")
    MeasureTranslation.objects.create(
        measure=measure,
        language="de",
        title="Programmierclub",
        summary="Kinder lernen programmieren.",
        description="Kinder programmieren.",
    )
    return measure


def notices(client, url):
    return parse(client.get(url)).find_all("p", cls=NOTICE)


def test_a_german_page_of_an_english_only_measure_says_its_texts_are_english(client, untranslated):
    [notice] = notices(client, "/de/measures/data-hub/")

    assert "lang" not in notice.attrs, "the notice itself is in the page's language"


def test_a_fully_translated_measure_needs_no_notice(client, translated):
    assert notices(client, "/de/measures/coding-club/") == []


def test_an_english_page_never_shows_the_notice(client, untranslated):
    assert notices(client, "/en/measures/data-hub/") == []


def test_the_list_says_when_some_cards_are_in_english(client, untranslated, translated):
    assert len(notices(client, "/de/measures/")) == 1
    assert notices(client, "/de/measures/?q=Programmierclub") == []
