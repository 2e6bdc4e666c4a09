"""Picking measures to compare without JavaScript: card checkboxes, the form, the detail link."""

import pytest

from tests.factories import CategoryFactory, MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(partnership):
    care = CategoryFactory(name="E-health and home care", slug="e-health-care")
    MeasureFactory(
        title="Remote home care unit",
        slug="remote-care",
        region=partnership["paijat-hame"],
        categories=[care],
    )
    MeasureFactory(
        title="Telecare pendants",
        slug="telecare",
        region=partnership["barcelona-province"],
        categories=[care],
    )
    return care


def compare_form(page):
    forms = page.find_all("form", id="compare-form")
    assert len(forms) == 1, "one compare form per page"
    return forms[0]


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/measures/",
        "/en/measures/?region=paijat-hame",
        "/en/regions/paijat-hame/",
        "/en/themes/e-health-care/",
        "/en/partners/paijat-hame/",
        "/en/measures/remote-care/",
    ],
)
def test_every_card_has_a_compare_checkbox_of_the_pages_compare_form(client, catalogue, url):
    page = parse(client.get(url))

    form = compare_form(page)
    assert form.attrs["method"] == "get"
    assert form.attrs["action"] == "/en/compare/"
    assert form.find("button").text == "Compare selected"
    cards = page.find_all("article", cls="card")
    assert cards
    for card in cards:
        box = card.find("input", type="checkbox")
        assert box.attrs["name"] == "m"
        assert box.attrs["form"] == "compare-form"
        label = next(a for a in box.ancestors() if a.tag == "label")
        assert label.text.startswith("Compare")
        assert card.find("h3").text in label.text, "the label names the measure"


def test_card_checkboxes_sit_in_no_form_so_forms_never_nest(client, catalogue):
    page = parse(client.get("/en/measures/"))

    for box in page.find_all("input", type="checkbox", form="compare-form"):
        assert not [a for a in box.ancestors() if a.tag == "form"]
    for form in page.find_all("form"):
        assert not [a for a in form.ancestors() if a.tag == "form"]


def test_filter_form_stays_separate_from_the_compare_form(client, catalogue):
    page = parse(client.get("/en/measures/"))

    filter_form = page.find("form", id="filter-form")
    assert filter_form.find_all("input", name="m") == []
    assert filter_form.attrs["action"] == "/en/measures/"


def test_ticked_cards_make_the_compare_address(client, catalogue):
    # What the browser sends for two ticked boxes of the compare form.
    response = client.get("/en/compare/", {"m": ["remote-care", "telecare"]})

    page = parse(response)
    titles = [th.find("a").text for th in page.find("thead").find_all("th")]
    assert titles == ["Remote home care unit", "Telecare pendants"]


def test_detail_page_links_to_a_comparison_with_the_measure(client, catalogue):
    page = parse(client.get("/en/measures/remote-care/"))

    link = page.find("p", cls="measure__compare").find("a")
    assert link.text == "Add to comparison"
    assert link.attrs["href"] == "/en/compare/?m=remote-care"
    assert "Only one measure chosen" in parse(client.get(link.attrs["href"])).text


def test_related_cards_on_the_detail_page_are_compared_with_the_measure(client, catalogue):
    page = parse(client.get("/en/measures/remote-care/"))

    form = compare_form(page)
    assert form.find("input", type="hidden").attrs == {
        "type": "hidden",
        "name": "m",
        "value": "remote-care",
    }
    boxes = [box.attrs["value"] for box in page.find_all("input", type="checkbox", name="m")]
    assert boxes == ["telecare"]
