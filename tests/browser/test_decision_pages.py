"""What an officer needs to decide comes first, on a phone and a desktop, in Chromium.

The facts strip sits above the long text; the filters apply from near the search box;
the comparison leads into the dossier; a German page says which texts are English and
writes its dates in German.
"""

import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from measures.models import Measure
from tests.browser.catalogue import build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DETAIL = "/en/measures/remote-home-care-unit/"
MAX_TABS_TO_APPLY = 10
GERMAN_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"


@pytest.fixture
def catalogue():
    return build_catalogue()


def test_facts_strip_comes_before_the_first_section_heading_on_a_phone(
    phone, live_server, catalogue
):
    phone.goto(live_server.url + DETAIL)

    strip = phone.locator(".facts-strip").bounding_box()
    first_heading = phone.locator(".measure__body h2").first.bounding_box()
    assert strip["y"] + strip["height"] <= first_heading["y"]
    assert strip["y"] < 844, "the strip starts on the first screen"
    for fact in ["Region", "Years", "Status", "Budget", "Evidence of results", "Funding"]:
        assert phone.locator(".facts-strip dt", has_text=fact).is_visible()
    # Its actions sit with it, before the text.
    dossier = phone.locator(".facts-strip").get_by_role("button", name="Add to dossier")
    assert dossier.bounding_box()["y"] < first_heading["y"]


def test_apply_is_within_ten_tab_presses_of_the_search_box(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/measures/")
    desktop.locator("#site-search").focus()

    for _ in range(MAX_TABS_TO_APPLY):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.matches('#filter-form button[type=submit]')"):
            break
    else:
        pytest.fail(f"Apply filters is not reached within {MAX_TABS_TO_APPLY} Tab presses")
    assert desktop.evaluate("document.activeElement.textContent.trim()") == "Apply filters"


def test_a_ticked_filter_applies_itself_and_keeps_the_focus(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/measures/")

    desktop.get_by_label("Digital skills").check()

    desktop.wait_for_url("**/en/measures/?theme=digital-skills")
    expect(desktop.locator("#results-heading")).to_have_text("1 measure")
    assert desktop.evaluate("document.activeElement.id") == "id_theme_digital-skills"
    assert desktop.locator("h1").inner_text() == "Digital skills"
    assert desktop.title().startswith("Digital skills – 1 measure – ")


def test_visitor_compares_two_measures_then_takes_them_into_the_dossier(
    desktop, live_server, catalogue
):
    desktop.goto(live_server.url + "/en/measures/?q=seniors")
    desktop.get_by_label("Compare “Digital skills for seniors”").check()
    # The page says the choice is kept once the session holds it.
    expect(desktop.locator("[data-compare-chosen]")).to_be_visible()
    # Ticked on another result page: the choice is kept in the session.
    desktop.goto(live_server.url + "/en/measures/?q=remote+home+care")
    expect(desktop.locator("[data-compare-chosen]")).to_be_visible()
    desktop.get_by_label("Compare “Remote home care unit”").check()
    expect(desktop.locator("[data-compare-n]")).to_have_text("2")

    desktop.get_by_role("button", name="Compare selected").click()
    desktop.wait_for_url("**/en/compare/?m=*")
    headers = desktop.locator(".compare-table thead th a:first-child").all_inner_texts()
    assert sorted(headers) == ["Digital skills for seniors", "Remote home care unit"]

    desktop.get_by_role("button", name="Add these to the dossier").click()
    desktop.wait_for_url("**/en/dossier/")
    titles = desktop.locator(".dossier__title").all_inner_texts()
    assert sorted(titles) == ["Digital skills for seniors", "Remote home care unit"]
    assert desktop.get_by_role("link", name="Print view").is_visible()
    back = desktop.get_by_role("link", name="Back to where you were")
    assert "/en/compare/?m=" in back.get_attribute("href")


def test_add_to_dossier_returns_to_the_measure_and_says_so(desktop, live_server, catalogue):
    desktop.goto(live_server.url + DETAIL)

    desktop.locator(".facts-strip").get_by_role("button", name="Add to dossier").click()

    desktop.wait_for_url(f"**{DETAIL}#in-dossier-remote-home-care-unit")
    assert desktop.locator("#in-dossier-remote-home-care-unit").is_visible()
    assert not desktop.locator("#in-comparison-remote-home-care-unit").is_visible()


def test_german_page_says_which_texts_are_english_and_writes_a_german_date(
    desktop, live_server, catalogue
):
    measure = Measure.objects.get(slug="remote-home-care-unit")
    with translation.override("de"):
        day = date_format(timezone.localdate(measure.published_at), "DATE_FORMAT")

    desktop.goto(live_server.url + "/de/measures/remote-home-care-unit/")

    notice = desktop.locator(".language-notice")
    assert notice.is_visible()
    assert notice.get_attribute("lang") is None, "the notice is in the page's language"
    assert desktop.locator("h1").inner_text() == "Mobile Pflege per Video"
    published = desktop.locator(".facts time").first.inner_text()
    assert published == day
    assert re.fullmatch(rf"\d{{1,2}}\. ({GERMAN_MONTHS}) \d{{4}}", published)
