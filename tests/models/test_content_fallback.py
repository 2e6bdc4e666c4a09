"""Entered texts show in the visitor's language where they exist, else in English (lang="en")."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import MeasureTranslation
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_german_title_and_summary_are_shown_without_a_lang_attribute(client, catalogue):
    html = client.get("/de/measures/rural-coworking-spaces/").content.decode()

    assert "<h1>Coworking-Räume auf dem Land</h1>" in html
    assert '<p class="lede">Gemeinsame Büros in Dörfern' in html
    assert "<title>Coworking-Räume auf dem Land · Next2Met</title>" in html


def test_missing_german_description_falls_back_to_english_marked_as_english(client, catalogue):
    html = client.get("/de/measures/rural-coworking-spaces/").content.decode()

    assert (
        '<div lang="en"><p>Municipalities open coworking spaces in empty shops.</p></div>' in html
    )


def test_english_title_on_a_german_page_carries_lang_en(client, catalogue):
    html = client.get("/de/measures/smart-farming-data-hub/").content.decode()

    assert '<h1 lang="en">Smart farming data hub</h1>' in html
    assert '<p class="lede" lang="en">Farmers share sensor data' in html


def test_good_practice_sections_exist_in_english_only_and_say_so(client, catalogue):
    html = client.get("/de/measures/rural-coworking-spaces/").content.decode()

    assert '<div lang="en"><p>Long commutes to the cities.</p></div>' in html


def test_translated_names_of_region_theme_and_target_group_on_the_detail_page(client, catalogue):
    html = client.get("/de/measures/rural-coworking-spaces/").content.decode()

    assert ">Mecklenburg-Vorpommern</a>" in html
    assert ">Mobiles Arbeiten und Coworking</a>" in html
    assert "<li>Mobil Arbeitende</li>" in html


def test_cards_show_german_titles_and_mark_english_ones(client, catalogue):
    html = client.get("/de/measures/").content.decode()

    assert (
        '<h3 class="card__title"><a href="/de/measures/rural-coworking-spaces/">'
        "Coworking-Räume auf dem Land</a></h3>"
    ) in html
    assert (
        '<h3 class="card__title" lang="en"><a href="/de/measures/smart-farming-data-hub/">'
        "Smart farming data hub</a></h3>"
    ) in html
    assert '<span class="card__region">Mecklenburg-Vorpommern</span>' in html
    assert '<span class="card__region" lang="en">Lower Austria</span>' in html


def test_facets_and_chips_use_the_german_names(client, catalogue):
    html = client.get("/de/measures/?theme=remote-work").content.decode()

    assert "Mobiles Arbeiten und Coworking" in html
    assert '<span class="check__label" lang="en">Smart agriculture</span>' in html


def test_region_and_theme_pages_use_the_german_names(client, catalogue):
    region = client.get("/de/regions/mv/").content.decode()
    theme = client.get("/de/themes/remote-work/").content.decode()

    assert "<h1>Mecklenburg-Vorpommern</h1>" in region
    # No German description was entered: the English one, marked.
    assert '<div class="prose" lang="en"><p>A rural state on the Baltic coast' in region
    assert "<h1>Mobiles Arbeiten und Coworking</h1>" in theme


def test_english_pages_carry_no_lang_attributes_on_content(client, catalogue):
    html = client.get("/en/measures/rural-coworking-spaces/").content.decode()

    assert "<h1>Rural coworking spaces</h1>" in html
    assert 'lang="en">' not in html.split("<main", 1)[1]


def test_a_language_without_a_translation_falls_back_to_english(client, catalogue):
    html = client.get("/fi/measures/rural-coworking-spaces/").content.decode()

    assert '<h1 lang="en">Rural coworking spaces</h1>' in html


def german_page_queries(client, url):
    cache.clear()  # neither a cached page nor cached facet options
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/de/measures/?sort=title", "/de/", "/de/themes/remote-work/", "/de/regions/mv/"]
)
def test_german_pages_need_no_more_queries_for_more_translated_cards(client, catalogue, url):
    def add_measures(count):
        for n in range(count):
            measure = MeasureFactory(
                title=f"Filler {n}", region=catalogue["region"], categories=[catalogue["theme"]]
            )
            MeasureTranslation.objects.create(measure=measure, language="de", title=f"Füller {n}")

    add_measures(1)
    with_one = german_page_queries(client, url)
    add_measures(19)
    with_twenty = german_page_queries(client, url)

    assert with_twenty == with_one


def test_translations_cost_nothing_on_english_pages(client, catalogue):
    english = german_page_queries(client, "/en/measures/")
    german = german_page_queries(client, "/de/measures/")

    # The translations of the cards' measures and regions, and of the cached
    # taxonomy's regions, themes, target groups and partners (which also give the
    # cards their themes and the partner facet its names); English needs none of them.
    assert german == english + 6
