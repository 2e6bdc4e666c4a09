"""The Atom feed of any filtered list: newest published measures first, 50 at most."""

import xml.etree.ElementTree as ET
from html import unescape

import pytest

from tests.catalogues import FILTER_QUERIES, days_ago
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/feed/"
ATOM = "{http://www.w3.org/2005/Atom}"


def feed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entry_slugs(root):
    return [
        entry.find(f"{ATOM}link").get("href").split("/")[-2] for entry in root.iter(f"{ATOM}entry")
    ]


def with_sort(query, sort):
    """`query` with its sort replaced."""
    kept = [part for part in query.split("&") if part and not part.startswith("sort=")]
    return "&".join([*kept, f"sort={sort}"])


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_feed_holds_the_list_pages_measures_newest_first(client, catalogue, list_page_slugs, query):
    expected = list_page_slugs(with_sort(query, "newest"))

    assert entry_slugs(feed(client.get(f"{URL}?{query}"))) == expected


def test_feed_holds_the_50_measures_published_last(client):
    measures = [MeasureFactory(published_at=days_ago(n + 1)) for n in range(51)]

    slugs = entry_slugs(feed(client.get(URL)))

    assert slugs == [measure.slug for measure in measures[:50]]


def test_feed_title_and_links_name_the_filters(client, catalogue):
    root = feed(client.get(f"{URL}?theme=digital-skills&region=paijat-hame&page=3&utm_source=x"))

    assert root.find(f"{ATOM}title").text == (
        "Next2Met: new measures – Region: Päijät-Häme; Theme: Digital skills"
    )
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "http://testserver/en/measures/?region=paijat-hame&theme=digital-skills",
        "self": "http://testserver/en/measures/feed/?region=paijat-hame&theme=digital-skills",
    }


def test_feed_entry_carries_summary_dates_partner_and_themes(client, published_measure):
    [entry] = feed(client.get(URL)).iter(f"{ATOM}entry")

    assert entry.find(f"{ATOM}title").text == "Remote home care unit"
    assert entry.find(f"{ATOM}summary").text == published_measure.summary
    assert entry.find(f"{ATOM}published").text.startswith(
        published_measure.published_at.date().isoformat()
    )
    assert entry.find(f"{ATOM}author/{ATOM}name").text == published_measure.partner.name
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["E-health and home care"]


def test_feed_summary_is_text_even_for_readers_that_render_html(client):
    MeasureFactory(summary="<b>Bold</b> claims & <script>alert(1)</script>")

    [entry] = feed(client.get(URL)).iter(f"{ATOM}entry")

    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # Rendered as HTML, the escaped text shows the characters rather than tags.
    assert unescape(summary.text) == "<b>Bold</b> claims & <script>alert(1)</script>"
    assert "<" not in summary.text


def test_list_page_announces_the_feed_of_its_filters(client, catalogue):
    response = client.get("/en/measures/?region=paijat-hame&sort=title&page=2")

    html = response.content.decode()
    feed_url = "/en/measures/feed/?region=paijat-hame"
    head = html[: html.index("</head>")]
    assert (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="Newly published measures for these filters" href="{feed_url}">'
    ) in head
    body = html[html.index("<body") :]
    assert f'<a href="{feed_url}" type="application/atom+xml">' in body
