"""The discovery pages in Chromium: comparison, statistics, region map and print.

On a phone the comparison and the statistics fit the screen (the comparison
table scrolls inside its own box); the map's region links are reached with the
Tab key and show where the focus is; its labels do not overlap as drawn; a
comparison is picked without JavaScript; and printing leaves only the content.
"""

import re
from itertools import combinations

import pytest

from tests.catalogues import PARTNERSHIP
from tests.factories import CategoryFactory, MeasureFactory, MeasureLinkFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPARISON = "/en/compare/?m=remote-care&m=house&m=iot"


@pytest.fixture
def catalogue():
    care = CategoryFactory(name="E-health, telecare and digital home care", slug="care")
    skills = CategoryFactory(name="Digital innovation hubs, clusters and start-up support")
    regions = {
        slug: RegionFactory(
            name=name,
            slug=slug,
            country=country,
            nuts_code=nuts,
            latitude=latitude,
            longitude=longitude,
        )
        for name, slug, country, nuts, latitude, longitude in PARTNERSHIP
    }
    long_text = "A long paragraph about what the measure achieved, with numbers. " * 6
    care_unit = MeasureFactory(
        title="Severi remote care and technology unit for home care",
        slug="remote-care",
        region=regions["paijat-hame"],
        categories=[care],
        evidence=long_text,
        transfer_potential=long_text,
    )
    MeasureLinkFactory(measure=care_unit, title="Good-practice entry")
    MeasureFactory(
        title="House of Digitalisation (network, virtual house and building in Tulln)",
        slug="house",
        region=regions["lower-austria"],
        categories=[skills],
        evidence=long_text,
    )
    MeasureFactory(
        title="Smart Region platform for the municipalities of the province",
        slug="iot",
        region=regions["barcelona-province"],
        categories=[skills, care],
        start_year=None,
    )
    for n, slug in enumerate(regions):
        MeasureFactory(title=f"Filler measure {n}", region=regions[slug], start_year=2010 + n)
    return regions


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", [COMPARISON, "/en/statistics/"])
def test_comparison_and_statistics_fit_a_phone_without_sideways_scrolling(
    phone, live_server, catalogue, path
):
    phone.goto(live_server.url + path)

    assert page_width(phone) <= 390


def test_comparison_table_scrolls_in_its_own_box_with_the_field_names_in_view(
    phone, live_server, catalogue
):
    phone.goto(live_server.url + COMPARISON)
    scroller = phone.locator(".compare-scroll")

    sizes = scroller.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert sizes[0] > sizes[1], "three measures do not fit a phone side by side"
    field = phone.get_by_role("rowheader", name="Summary")
    left_before = field.bounding_box()["x"]
    scroller.evaluate("box => box.scrollBy(400, 0)")
    assert scroller.evaluate("box => box.scrollLeft") > 0
    assert field.bounding_box()["x"] == pytest.approx(left_before, abs=1)
    assert page_width(phone) <= 390


def test_map_region_links_are_reached_with_the_tab_key(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/")
    expected = {f"/en/regions/{slug}/" for slug in catalogue}

    reached = set()
    for _press in range(200):
        desktop.keyboard.press("Tab")
        focused = desktop.evaluate(
            """() => {
                const el = document.activeElement;
                return el && el.closest('.region-map') ?
                    [el.getAttribute('href'), getComputedStyle(
                        el.querySelector('.region-map__label-box')).fill] : null;
            }"""
        )
        if focused:
            href, fill = focused
            reached.add(href)
            assert fill == "rgb(255, 191, 71)", "the focused label is highlighted"
        if reached == expected:
            break

    assert reached == expected


def test_map_labels_do_not_overlap_as_drawn(phone, live_server, catalogue):
    phone.goto(live_server.url + "/en/regions/lower-austria/")

    boxes = phone.eval_on_selector_all(
        ".region-map__label",
        "labels => labels.map(l => { const r = l.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })",
    )
    assert len(boxes) == 6
    for one, other in combinations(boxes, 2):
        apart = one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]
        assert apart, f"labels at {one} and {other} overlap"
    svg = phone.locator(".region-map__svg").bounding_box()
    for left, top, right, bottom in boxes:
        assert svg["x"] <= left
        assert right <= svg["x"] + svg["width"]
        assert svg["y"] <= top
        assert bottom <= svg["y"] + svg["height"]


def test_comparison_is_picked_without_javascript(browser, live_server, catalogue):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/en/measures/")

    page.get_by_label("Compare “House of Digitalisation").check()
    page.get_by_label("Compare “Smart Region platform").check()
    page.get_by_role("button", name="Compare selected").click()

    page.wait_for_url("**/en/compare/?m=*")
    headers = page.locator(".compare-table thead th > a:first-child").all_inner_texts()
    assert sorted(headers) == [
        "House of Digitalisation (network, virtual house and building in Tulln)",
        "Smart Region platform for the municipalities of the province",
    ]
    context.close()


def test_printed_measure_is_the_content_alone(desktop, live_server, catalogue):
    desktop.goto(live_server.url + "/en/measures/remote-care/")
    desktop.emulate_media(media="print")

    for hidden in [".site-header", ".site-footer", ".breadcrumbs", ".measure__compare", ".related"]:
        assert not desktop.locator(hidden).first.is_visible(), hidden
    body = desktop.evaluate("getComputedStyle(document.body).fontFamily")
    assert body.startswith("Georgia")
    assert desktop.evaluate("getComputedStyle(document.body).fontSize") == "14.6667px"
    assert desktop.locator(".measure__facts").evaluate("e => getComputedStyle(e).position") == (
        "static"
    )
    link = desktop.get_by_role("link", name="Good-practice entry")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://example.org/source/" in after


def test_printed_comparison_fits_a_landscape_page(desktop, live_server, catalogue):
    desktop.goto(live_server.url + COMPARISON)
    desktop.emulate_media(media="print")

    assert not desktop.locator(".site-header").is_visible()
    assert not desktop.locator(".compare-table__remove").first.is_visible()
    table = desktop.locator(".compare-table")
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    assert table.evaluate("t => getComputedStyle(t.closest('main')).page") == "landscape"
    pdf = desktop.pdf(prefer_css_page_size=True)
    # A4 with the long side across: 842 by 595 points.
    assert re.search(rb"/MediaBox\s*\[\s*0 0 841\.9\d* 594\.9\d*\s*\]", pdf)
