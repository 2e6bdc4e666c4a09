"""Every page has the search box in its header; on the measure list it keeps the filters."""

import pytest

from tests.html_tree import TreeBuilder
from tests.public_pages import PUBLIC_GET_PAGES, public_catalogue

pytestmark = pytest.mark.django_db

HTML_PAGES = [
    name
    for name, path in PUBLIC_GET_PAGES.items()
    if not path.startswith("/api/")
    and name
    not in {
        "measures:feed",
        "measures:export_csv",
        "measures:export_json",
        "measures:dossier_pdf",
        "robots_txt",
        "healthz",
        "favicon",
        "sitemap",
        "sitemap_section",
        # Atom feeds, pictures and JSON
        "measures:measure_changes_feed",
        "measures:changes_feed",
        "og_image",
        "og_image_measure",
        "measures:compare_chosen",
        # The card other sites frame: the measure alone, without the site around it
        "measures:embed",
    }
]


def tree(response):
    builder = TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root


def header_search(response):
    """The search form of the page's header."""
    return tree(response).find("header", cls="site-header").find("form", role="search")


@pytest.mark.parametrize("name", HTML_PAGES)
def test_the_header_of_every_page_holds_the_search_box(client, name):
    public_catalogue()

    response = client.get(PUBLIC_GET_PAGES[name])

    form = header_search(response)
    assert form.attrs["action"] == "/en/measures/"
    box = form.find("input", name="q")
    assert box.attrs["type"] == "search"
    assert form.find("label").attrs["for"] == box.attrs["id"]


def test_a_page_that_is_not_found_has_the_search_box_too(client):
    response = client.get("/en/measures/no-such-measure/")

    assert response.status_code == 404
    assert header_search(response).find("input", name="q").attrs["type"] == "search"


def test_on_the_list_the_box_holds_the_words_and_submits_the_filters(client):
    public_catalogue()

    response = client.get("/en/measures/", {"q": "village", "region": "vorpommern-greifswald"})
    form = header_search(response)

    box = form.find("input", name="q")
    assert box.attrs["value"] == "village"
    assert box.attrs["form"] == "filter-form"
    assert form.find("button").attrs["form"] == "filter-form"
    filters = tree(response).find("form", id="filter-form")
    assert not filters.find_all("input", name="q")
