"""The search box in the header, in Chromium: in sight at every width, and keeping the filters."""

import pytest

from tests.factories import CategoryFactory, MeasureFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/en/", "/en/measures/", "/en/regions/", "/en/measures/remote-home-care-unit/"]


@pytest.fixture
def catalogue():
    care = CategoryFactory(name="E-health and home care", slug="e-health-care")
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")
    krems = RegionFactory(name="Lower Austria", slug="lower-austria", nuts_code="AT12")
    MeasureFactory(title="Remote home care unit", region=lahti, categories=[care])
    MeasureFactory(title="Care robots", region=krems, categories=[care])


@pytest.mark.parametrize("path", PAGES)
def test_the_search_box_is_in_sight_on_a_phone_without_opening_anything(
    phone, live_server, catalogue, path
):
    phone.goto(live_server.url + path)

    box = phone.locator("#site-search")
    assert box.is_visible()
    place = box.bounding_box()
    assert place["x"] >= 0
    assert place["x"] + place["width"] <= 390
    assert place["y"] + place["height"] <= 200, "the box is at the top of the page"
    assert place["width"] >= 200


def test_a_search_from_the_header_of_the_list_keeps_its_filters(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/measures/?region=paijat-hame")

    desktop.locator("#site-search").fill("care")
    desktop.locator("#site-search").press("Enter")

    desktop.wait_for_url("**/en/measures/?*q=care*")
    assert "region=paijat-hame" in desktop.url
    assert desktop.locator("#results-heading").inner_text() == "1 measure"
