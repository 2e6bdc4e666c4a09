"""German words are never cut mid-word on a desktop: the facts strip's values and the
header search box's placeholder ("Maßnahmen durchsuchen") show whole; on a phone, the
list filtered by the expert opinion fits the screen and its heading's words stay whole."""

import pytest

from measures.models import Measure
from tests.factories import MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Per word of each value in the facts strip: how many line boxes it takes (1 = whole).
WORD_LINES = """
() => [...document.querySelectorAll('.facts-strip dd')].flatMap(dd => {
  const text = dd.textContent;
  const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      found.push([match[0], tops.size]);
    }
  }
  return found;
})
"""

# Per word of the h1: how many line boxes it takes (1 = whole).
HEADING_WORD_LINES = WORD_LINES.replace(".facts-strip dd", "h1")

# How wide the search box's placeholder is, and the room the box has for it.
PLACEHOLDER_FITS = """
() => {
  const CLEAR_BUTTON = 20;
  const input = document.querySelector('#site-search');
  const style = getComputedStyle(input);
  const placeholder = getComputedStyle(input, '::placeholder');
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${placeholder.fontWeight} ${placeholder.fontSize} ${placeholder.fontFamily}`;
  // Chromium keeps room at the end of a search box for its clear button.
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    - CLEAR_BUTTON;
  return [input.placeholder, context.measureText(input.placeholder).width, room];
}
"""


@pytest.fixture
def measure():
    return MeasureFactory(
        title="Longford digital strategy",
        slug="longford-digital-strategy",
        implementation=Measure.Implementation.COMPLETED,
        budget_band="50k-250k",
        evidence_level="monitored",
    )


def test_the_german_facts_strip_cuts_no_word(desktop, live_server, measure):
    desktop.goto(live_server.url + "/de/measures/longford-digital-strategy/")

    words = desktop.evaluate(WORD_LINES)

    assert ["Abgeschlossen", 1] in words
    assert [word for word, lines in words if lines > 1] == []


def test_the_german_search_placeholder_fits_its_box(desktop, live_server, measure):
    desktop.goto(live_server.url + "/de/measures/longford-digital-strategy/")

    placeholder, width, room = desktop.evaluate(PLACEHOLDER_FITS)

    assert placeholder
    assert width <= room, f"“{placeholder}” is {width:.0f} px wide in a box of {room:.0f} px"


@pytest.mark.parametrize("width", [320, 360])
def test_the_german_list_filtered_by_expert_opinion_fits_a_phone(
    browser, live_server, measure, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/de/measures/?reviewed=yes&sort=rated-relevance")

    assert page.locator(".chip").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    words = page.evaluate(HEADING_WORD_LINES)
    assert [word for word, lines in words if lines > 1] == []
    context.close()
