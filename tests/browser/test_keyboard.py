"""The measure list with the keyboard alone: filters, results and pages, each focus visible."""

import pytest

from tests.browser.catalogue import build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# More than enough Tab presses to cross the header, the search box and the facets.
MAX_TABS = 120


@pytest.fixture
def catalogue():
    return build_catalogue()


def focused(page):
    """What has the focus: its id, tag, link text, checked state and whether it shows a ring."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                id: el.id,
                tag: el.tagName.toLowerCase(),
                text: el.textContent.trim(),
                checked: el.checked === true,
                inFirstCard: !!el.closest(".card-list > li:first-child .card__title"),
                isApply: el.matches("#filter-form button[type=submit]"),
                isNext: el.matches(".pagination a[rel=next]"),
                ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
            };
        }"""
    )


def tab_until(page, wanted, what):
    """Press Tab until `wanted(focused)` holds; every element on the way shows its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["ring"], f"no visible focus on {now} while tabbing to {what}"
        if wanted(now):
            return now
    pytest.fail(f"{what} is not reachable with Tab")


@pytest.mark.parametrize("language", ["en", "de"])
def test_keyboard_user_ticks_a_filter_applies_it_and_reaches_the_first_result(
    desktop, live_server, catalogue, language
):
    desktop.goto(f"{live_server.url}/{language}/measures/")

    tab_until(desktop, lambda el: el["id"] == "id_theme_digital-skills", "the theme filter")
    desktop.keyboard.press("Space")
    assert focused(desktop)["checked"]
    # With JavaScript the tick applies at once (static/js/filters.js): the results and the
    # address change in place. Waited for, so that the navigation awaited below is Apply's
    # page load, not this change of address (Playwright counts both as navigations).
    desktop.wait_for_url("**theme=digital-skills**")

    tab_until(desktop, lambda el: el["isApply"], "the apply button")
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    assert "theme=digital-skills" in desktop.url

    # The results come after the filter form: the first result's link is reached
    # without leaving the keyboard, and following it opens the measure.
    first = tab_until(desktop, lambda el: el["inFirstCard"], "the first result")
    assert first["tag"] == "a"
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    assert desktop.url.endswith(f"/{language}/measures/digital-skills-for-seniors/")


def test_keyboard_user_pages_through_a_filtered_list(desktop, live_server, catalogue):
    desktop.goto(f"{live_server.url}/de/measures/?region=paijat-hame")

    tab_until(desktop, lambda el: el["isNext"], "the link to the next page")
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")

    assert "page=2" in desktop.url
    assert "region=paijat-hame" in desktop.url
    current = desktop.locator(".pagination a[aria-current=page]")
    assert current.inner_text().split()[-1] == "2"


def test_skip_link_then_tab_reaches_the_first_filter_in_german(desktop, live_server, catalogue):
    desktop.goto(f"{live_server.url}/de/measures/")

    desktop.keyboard.press("Tab")
    assert focused(desktop)["text"] == "Zum Hauptinhalt springen"
    desktop.keyboard.press("Enter")

    now = tab_until(desktop, lambda el: el["tag"] in {"input", "summary"}, "the filters")
    assert now["tag"] in {"input", "summary"}
