"""In Chromium, a partner's page on another origin shows a measure's card in an iframe, and
cannot frame an ordinary page of the catalogue.

The partner's page is served by a second local server (Python's http.server on a
free port of 127.0.0.1), so the frames are cross-origin as they would be on a
partner's site; the catalogue is pytest-django's live server.
"""

import functools
import http.server
import threading

import pytest

from tests.factories import CategoryFactory, MeasureFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "remote-home-care-unit"


@pytest.fixture
def measure():
    care = CategoryFactory(name="E-health and home care", slug="e-health-care")
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")
    return MeasureFactory(title="Remote home care unit", slug=SLUG, region=lahti, categories=[care])


@pytest.fixture
def partner_site(tmp_path, live_server, measure):
    """A page on another origin that frames the card and, below it, the measure's own page."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Partner</title></head>"
        "<body><h1>Our partner's measures</h1>"
        f"<iframe id='card' title='card' src='{live_server.url}/en/measures/{SLUG}/embed/'"
        " width='400' height='320'></iframe>"
        f"<iframe id='page' title='page' src='{live_server.url}/en/measures/{SLUG}/'"
        " width='400' height='320'></iframe></body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def frame_of(page, element_id):
    return page.query_selector(f"#{element_id}").content_frame()


@pytest.mark.parametrize("visit", [1, 2])  # rendered, then from the page cache
def test_a_partner_site_shows_the_card_and_cannot_frame_an_ordinary_page(
    desktop, live_server, partner_site, visit
):
    refusals = []
    desktop.on(
        "console",
        lambda message: refusals.append(message.text) if message.type == "error" else None,
    )
    for _ in range(visit):
        desktop.goto(partner_site)
        desktop.wait_for_load_state("load")

    assert not partner_site.startswith(live_server.url)
    card = frame_of(desktop, "card")
    card.wait_for_selector("h1")
    assert card.inner_text("h1") == "Remote home care unit"
    assert "Päijät-Häme" in card.inner_text(".eyebrow")
    link = card.get_by_role("link", name="Read the whole measure")
    assert link.get_attribute("target") == "_blank"
    # The card's inline style applies (its hash is allowed): the border of the card is drawn.
    assert card.eval_on_selector(".card", "el => getComputedStyle(el).borderTopWidth") == "5px"

    blocked = frame_of(desktop, "page")
    assert "Remote home care unit" not in (blocked.content() if blocked else "")
    assert any(
        "frame-ancestors" in text or "X-Frame-Options" in text or "refused to connect" in text
        for text in refusals
    ), refusals
    # Nothing on the card was refused: its style and content are allowed by its own policy.
    assert not any(f"/en/measures/{SLUG}/embed/" in text for text in refusals), refusals


def test_the_card_has_no_axe_violations_at_its_own_size(browser, live_server, measure):
    from tests.browser.test_accessibility import axe_violations, describe

    context = browser.new_context(viewport={"width": 400, "height": 320})
    page = context.new_page()
    try:
        response = page.goto(f"{live_server.url}/en/measures/{SLUG}/embed/")

        assert response.status == 200
        assert axe_violations(page) == {}, describe(page)
        # The card fits its frame's width without sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 400
    finally:
        context.close()
