"""A filter ticked while the list fetches its answer, then Apply pressed: Apply wins.

The list applies a ticked option at once by fetching its page (static/js/filters.js)
and, if that fetch fails, loads the address instead. Leaving the page (Apply pressed,
a link followed) cancels the fetch; that cancelled fetch must not send the visitor
back to the ticked option's address, away from the page they asked for.
"""

import pytest

from tests.browser.catalogue import build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_pressed_while_a_ticked_option_is_fetched_keeps_the_page_asked_for(
    desktop, live_server
):
    build_catalogue()
    held_fetches, held_pages = [], []

    def hold(route):
        request = route.request
        if request.resource_type == "fetch" and "/measures/?" in request.url:
            held_fetches.append(route)
        elif request.resource_type == "document" and "year_from=2019" in request.url:
            held_pages.append(route)
        else:
            route.continue_()

    desktop.goto(f"{live_server.url}/en/measures/")
    desktop.route("**/*", hold)
    desktop.locator("#id_theme_digital-skills").check()
    desktop.wait_for_function("() => true")  # a round trip: the route handler has run
    assert held_fetches, "ticking the option fetches its page"
    # A year typed without leaving its box (no change event yet), then Apply.
    desktop.evaluate("document.getElementById('id_year_from').value = '2019'")
    desktop.locator("#filter-form button[type=submit]").first.click(no_wait_after=True)
    desktop.wait_for_timeout(200)
    assert held_pages, "Apply asks for the page with the year"

    # The ticked option's fetch fails while the page asked for is on its way.
    held_fetches[0].abort()
    desktop.wait_for_timeout(300)
    for route in held_pages:
        route.continue_()
    desktop.wait_for_load_state("load")
    desktop.wait_for_timeout(300)

    assert "year_from=2019" in desktop.url
    assert "theme=digital-skills" in desktop.url
