"""The measure's change form fits a 1280-pixel window: no sideways scrolling in the back office."""

import pytest

from tests.browser.catalogue import PASSWORD, build_catalogue, sign_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The widest elements, to name in a failure.
WIDEST = """
() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(-5).map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`)
"""


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_change_form_is_no_wider_than_a_1280_pixel_window(browser, live_server, language):
    catalogue = build_catalogue()
    page = sign_in_to_admin(browser, live_server, "conrad", PASSWORD, language)
    try:
        page.goto(
            live_server.url
            + "/admin/measures/measure/{submitted}/change/".format(**catalogue["admin_ids"])
        )

        width = page.evaluate("document.documentElement.scrollWidth")

        assert width <= 1280, f"{width} px wide: {page.evaluate(WIDEST)}"
    finally:
        page.context.close()
