"""The list's filter form: every facet's options, their counts, and the fold of a long facet."""

import pytest

from tests.factories import CategoryFactory, MeasureFactory, RegionFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


def themes(count):
    """`count` themes in display order, the first of them with a measure of its own."""
    found = [CategoryFactory(name=f"Theme {n:02d}", slug=f"theme-{n:02d}") for n in range(count)]
    MeasureFactory(categories=[found[0]], region=RegionFactory())
    return found


def theme_facet(page):
    [facet] = [
        fieldset
        for fieldset in page.find_all("fieldset", cls="facet")
        if fieldset.find("legend").text == "Theme"
    ]
    return facet


def option_values(element):
    return [box.attrs["value"] for box in element.find_all("input", type="checkbox")]


def test_a_long_facet_shows_its_first_five_options_and_folds_the_rest(client):
    themes(9)

    facet = theme_facet(parse(client.get(URL)))

    shown, folded = facet.find_all("ul", cls="facet__options")
    assert option_values(shown) == [f"theme-{n:02d}" for n in range(5)]
    assert option_values(folded) == [f"theme-{n:02d}" for n in range(5, 9)]
    more = facet.find("details", cls="facet__more")
    assert folded in more.children
    assert more.find("summary").text == "Show all 9 (Theme)"
    assert "open" not in more.attrs


def test_the_fold_opens_by_itself_when_a_folded_option_is_ticked(client):
    themes(9)

    facet = theme_facet(parse(client.get(URL, {"theme": ["theme-07", "theme-08"]})))

    more = facet.find("details", cls="facet__more")
    assert "open" in more.attrs
    assert [box.attrs["value"] for box in more.find_all("input") if "checked" in box.attrs] == [
        "theme-07",
        "theme-08",
    ]


def test_a_facet_of_seven_options_folds_nothing(client):
    themes(7)

    facet = theme_facet(parse(client.get(URL)))

    assert facet.find_all("details") == []
    [options] = facet.find_all("ul", cls="facet__options")
    assert len(option_values(options)) == 7


def test_each_option_is_labelled_with_its_count_and_an_empty_one_is_disabled(client):
    themes(2)

    facet = theme_facet(parse(client.get(URL)))

    one, empty = facet.find_all("label", cls="check")
    assert one.attrs["for"] == "id_theme_theme-00"
    assert one.find("input").attrs["id"] == "id_theme_theme-00"
    assert one.find("input").attrs["name"] == "theme"
    assert "disabled" not in one.find("input").attrs
    assert one.find("span", cls="check__count").text == "( 1 measure)"
    assert "check--empty" in empty.classes
    assert "disabled" in empty.find("input").attrs
    assert empty.find("span", cls="check__count").text == "( 0 measures)"


def test_a_ticked_option_without_measures_stays_enabled(client):
    _, second = themes(2)

    facet = theme_facet(parse(client.get(URL, {"theme": second.slug})))

    ticked = facet.find("input", value=second.slug)
    assert "checked" in ticked.attrs
    assert "disabled" not in ticked.attrs
    assert "check--empty" not in ticked.parent.classes


def test_the_counts_say_measure_in_the_language_of_the_page(client):
    themes(2)

    facet = parse(client.get("/de/measures/")).find("fieldset", cls="facet")

    counts = [count.text for count in facet.find_all("span", cls="check__count")]
    assert "( 1 Maßnahme)" in counts


def test_the_form_renders_no_template_per_option(client):
    """The form is one template: ninety options cost no include each."""
    themes(3)
    few = [template.name for template in client.get(URL).templates]
    for n in range(3, 12):
        CategoryFactory(name=f"Theme {n:02d}", slug=f"theme-{n:02d}")

    many = [template.name for template in client.get(URL).templates]

    assert many == few
