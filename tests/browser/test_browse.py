"""A visitor browsing the catalogue in Chromium, on a phone and on a desktop."""

import pytest

from tests.factories import CategoryFactory, MeasureFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    care = CategoryFactory(name="E-health and home care", slug="e-health-care")
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")
    krems = RegionFactory(
        name="Lower Austria", slug="lower-austria", nuts_code="AT12", country="AT"
    )
    MeasureFactory(title="Remote home care unit", region=lahti, categories=[care])
    MeasureFactory(title="Digital skills for seniors", region=krems, categories=[skills])
    return {"care": care, "lahti": lahti, "krems": krems}


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", ["/en/", "/en/measures/", "/en/regions/", "/en/themes/"])
def test_pages_fit_a_phone_screen_without_sideways_scrolling(phone, live_server, catalogue, path):
    phone.goto(live_server.url + path)
    assert page_width(phone) <= 390


def test_detail_page_fits_a_phone_screen(phone, live_server, catalogue):
    phone.goto(live_server.url + "/en/measures/remote-home-care-unit/")
    assert phone.locator("h1").inner_text() == "Remote home care unit"
    assert page_width(phone) <= 390


def test_visitor_ticks_a_region_and_applies_the_filter(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/measures/")
    desktop.get_by_label("Päijät-Häme").check()
    # Apply sits at the top and at the bottom of the filter form; the top one is pressed.
    desktop.get_by_role("button", name="Apply filters").first.click()
    desktop.wait_for_url("**/en/measures/?*region=paijat-hame*")
    assert desktop.locator("#results-heading").inner_text() == "1 measure"
    assert desktop.get_by_role("link", name="Remote home care unit").is_visible()
    assert not desktop.get_by_role("link", name="Digital skills for seniors").is_visible()


def test_removing_a_filter_chip_shows_every_measure_again(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/measures/?region=paijat-hame")
    desktop.locator(".chip").first.click()
    desktop.wait_for_url("**/en/measures/?*")
    assert desktop.locator("#results-heading").inner_text() == "2 measures"


def test_filter_panel_starts_closed_on_a_phone_so_results_come_first(phone, live_server, catalogue):
    phone.goto(live_server.url + "/en/measures/?region=paijat-hame")
    assert phone.locator("details[data-filters]").get_attribute("open") is None
    phone.locator("summary.filters__summary").click()
    assert phone.get_by_label("Päijät-Häme").is_visible()


def test_changing_the_sort_order_applies_it_at_once(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/measures/")
    desktop.get_by_label("Sort by").select_option("title")
    desktop.wait_for_url("**/en/measures/?*sort=title*")
    titles = desktop.locator(".card__title").all_inner_texts()
    assert titles == ["Digital skills for seniors", "Remote home care unit"]


def test_skip_link_is_the_first_stop_for_keyboard_users(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/")
    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "main-content"
