"""An unknown facet value is named in the list's warning, with its filter, as left out.

Every facet says it the same way, whether its options are rows (regions, themes,
partners) or fixed choices (evidence, budget, funding): "Region: “xx” is not one of
its options, so this filter was left out."
"""

import pytest

from tests.html_tree import parse

pytestmark = pytest.mark.django_db

FACETS = {
    "region": "Region",
    "theme": "Theme",
    "target": "Target group",
    "partner": "Partner",
    "country": "Country",
    "evidence": "Evidence of results",
    "documentation": "How well documented",
    "budget": "Budget",
    "funding": "Funding source",
}


@pytest.mark.parametrize("name", FACETS)
def test_an_unknown_facet_value_is_named_with_its_filter_as_left_out(client, partnership, name):
    page = parse(client.get(f"/en/measures/?{name}=xx"))

    warning = page.find("div", role="alert")
    assert warning.find("h2").text == "Some filters were left out"
    assert [item.text for item in warning.find_all("li")] == [
        f"{FACETS[name]}: “xx” is not one of its options, so this filter was left out."
    ]


def test_the_facet_of_an_unknown_value_is_shown_unfiltered(client, partnership):
    page = parse(client.get("/en/measures/?region=xx"))

    boxes = page.find("form", id="filter-form").find_all("input", name="region")
    assert boxes
    assert not [box for box in boxes if "checked" in box.attrs]
