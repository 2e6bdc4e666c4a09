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
    # The ticked boxes join the visitor's comparison choice (kept in the session),
    # which then opens as a comparison address (measures.visitors.comparison).
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/en/compare/choose/"
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
    chosen = client.post("/en/compare/choose/", {"m": ["remote-care", "telecare"]})

    assert chosen.status_code == 303
    assert chosen["Location"] == "/en/compare/?m=remote-care&m=telecare"
    page = parse(client.get(chosen["Location"]))
    titles = [th.find("a").text for th in page.find("thead").find_all("th")]
    assert titles == ["Remote home care unit", "Telecare pendants"]


def test_add_to_comparison_on_the_detail_page_keeps_the_visitor_on_the_page(client, catalogue):
    page = parse(client.get("/en/measures/remote-care/"))

    form = page.find("form", cls="compare-choose")
    assert form.find("button").text == "Add to comparison"
    fields = {field.attrs["name"]: field.attrs["value"] for field in form.find_all("input")}
    assert fields == {"m": "remote-care", "next": "/en/measures/remote-care/"}
    back = client.post(form.attrs["action"], fields)

    assert back.status_code == 303
    assert back["Location"] == "/en/measures/remote-care/#in-comparison-remote-care"
    assert client.get("/en/compare/chosen.json").json()["chosen"] == ["remote-care"]


def test_the_comparison_choice_is_kept_across_result_pages_and_languages(client, catalogue):
    # One box ticked on an English page, one on a German page, then "Compare selected".
    client.post("/en/compare/choose/", {"m": "remote-care"}, HTTP_ACCEPT="application/json")
    opened = client.post("/de/compare/choose/", {"m": "telecare"})

    assert opened["Location"] == "/de/compare/?m=remote-care&m=telecare"


def test_a_comparison_choice_never_leaves_the_site(client, catalogue):
    back = client.post(
        "/en/compare/choose/", {"m": "remote-care", "next": "https://elsewhere.example/"}
    )

    assert back["Location"] == "/en/compare/?m=remote-care"


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
