"""The measure list's title and h1 say what is shown: filters, count, page, language."""

import pytest

from tests.factories import CategoryFactory, MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(partnership):
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    MeasureFactory(title="Digital Podlaskie", region=partnership["podlaskie"], categories=[skills])
    MeasureFactory(title="Coding club", region=partnership["paijat-hame"], categories=[skills])


def title_and_heading(client, url):
    page = parse(client.get(url))
    return page.find("title").text, page.find("h1").text


def test_a_theme_in_a_region_names_both_and_the_count(client, catalogue):
    title, heading = title_and_heading(
        client, "/en/measures/?theme=digital-skills&region=podlaskie"
    )

    assert heading == "Digital skills: Podlaskie Voivodeship"
    assert title == "Digital skills: Podlaskie Voivodeship – 1 measure – Next2Met"


def test_the_unfiltered_list_is_called_measures(client, catalogue):
    assert title_and_heading(client, "/en/measures/") == (
        "Measures – 2 measures – Next2Met",
        "Measures",
    )


def test_search_words_and_other_filters_are_named(client, catalogue):
    title, heading = title_and_heading(client, "/en/measures/?q=coding&year_from=2000")

    assert heading == "Measures matching “coding” · Started from: 2000"
    assert title.startswith(heading + " – 1 measure")


def test_the_title_is_in_the_pages_language(client, catalogue):
    title, heading = title_and_heading(client, "/de/measures/?region=podlaskie")

    assert heading.startswith("Maßnahmen")
    assert title.endswith("1 Maßnahme – Next2Met")


def test_a_place_follows_a_colon_since_german_region_names_may_need_an_article(client, catalogue):
    _title, heading = title_and_heading(client, "/de/measures/?region=podlaskie")

    assert heading.startswith("Maßnahmen: ")
    assert " in " not in heading


def test_the_expert_filter_is_named_by_its_option_alone(client, catalogue):
    _title, heading = title_and_heading(client, "/en/measures/?reviewed=yes")
    _title, german = title_and_heading(client, "/de/measures/?reviewed=yes")

    assert heading == "Measures · Reviewed by an expert"
    assert german == "Maßnahmen · Von einer Expertin oder einem Experten eingeschätzt"
