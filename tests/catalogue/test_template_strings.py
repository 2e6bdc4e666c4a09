"""Every string a person reads is marked for translation: German pages hold no English leftovers.

The pages are rendered in German and their visible text, without the parts marked
lang="en" (entered content that has no German text yet), is searched for English
phrases of the interface. The list is kept by hand: add a phrase when a template
gains an English string that German spells differently.
"""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

ENGLISH_PHRASES = [
    "Skip to main content",
    "Measures",
    "Regions",
    "Themes",
    "Partners",
    "Statistics",
    "Search",
    "Filters",
    "Apply filters",
    "Clear all",
    "Sort by",
    "Newest first",
    "Search words",
    "Start year",
    "Target group",
    "Latest measures",
    "All measures",
    "Browse by region",
    "Browse by theme",
    "The catalogue in figures",
    "Key facts",
    "About the measure",
    "Further information",
    "Problem addressed",
    "More measures",
    "Related measures",
    "Add to comparison",
    "Compare",
    "Published",
    "Years",
    "since",
    "running",
    "Breadcrumbs",
    "Home",
    "Accessibility statement",
    "Partner staff sign-in",
    "Previous",
    "Next",
    "Page",
    "measures",
    "Population",
    "Next to",
    "Based in",
    "Represents",
    "former partner",
    "This page does not exist",
    "Go to the home page",
    "Download as CSV",
    "Language",
]
PAGES = [
    "/de/",
    "/de/measures/",
    "/de/measures/?region=mv&q=coworking",
    "/de/measures/rural-coworking-spaces/",
    "/de/regions/",
    "/de/regions/mv/",
    "/de/themes/",
    "/de/themes/remote-work/",
    "/de/partners/",
    "/de/partners/witeno/",
    "/de/statistics/",
    "/de/compare/?m=rural-coworking-spaces&m=smart-farming-data-hub",
    "/de/accessibility/",
    "/de/no-such-page/",
]


class VisibleGermanText(HTMLParser):
    """The text a reader sees, attribute texts that are read out included, less lang="en" parts."""

    SKIPPED = {"script", "style"}
    READ_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder"}
    VOID = {
        "br",
        "img",
        "input",
        "link",
        "meta",
        "hr",
        "source",
        "wbr",
        "col",
        "area",
        "path",
        "rect",
        "circle",
        "line",
    }

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    @property
    def skipping(self):
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in self.SKIPPED or attrs.get("lang") == "en"
        if not skip and not self.skipping:
            self.parts += [
                value for name, value in attrs.items() if name in self.READ_ATTRIBUTES and value
            ]
        if tag not in self.VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and dict(attrs).get("lang") != "en":
            self.parts += [v for n, v in attrs if n in self.READ_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _skip = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def words(self):
        return " ".join(" ".join(self.parts).split())


def visible_text(html):
    parser = VisibleGermanText()
    parser.feed(html)
    return parser.words()


def test_the_parser_keeps_german_text_and_leaves_out_text_marked_as_english():
    html = '<html lang="de"><p>Hallo <span lang="en">Measures</span> <img alt="Bild"> Next</p>'

    assert visible_text(html) == "Hallo Bild Next"


@pytest.mark.parametrize("url", PAGES)
def test_german_page_has_no_english_interface_text(client, catalogue, url):
    response = client.get(url)
    text = visible_text(response.content.decode())

    leftovers = [
        phrase
        for phrase in ENGLISH_PHRASES
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    ]
    assert leftovers == [], f"{url}: {leftovers}"
