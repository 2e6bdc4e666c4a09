"""Every public address answers HEAD as it answers GET, without the body.

Uptime monitors and link checkers ask with HEAD; a 405 reads to them as a broken
page. The addresses come from tests/public_pages.py, whose table is checked here
against the URLconf, so a view added later is asked too.
"""

import pytest

from tests.public_pages import (
    POST_ONLY,
    PUBLIC_GET_PAGES,
    fill_dossier,
    public_catalogue,
    public_pattern_names,
)

pytestmark = pytest.mark.django_db

# Headers that may differ between two answers to the same address: whether the
# answer came from a cache (X-Page-Cache, X-Download-Cache), cookies the first
# answer already set, and the "expires now" of a page never kept, a second later.
MAY_DIFFER = {"Set-Cookie", "Expires"}


def compared(headers):
    return {
        key: value
        for key, value in headers.items()
        if key not in MAY_DIFFER and not (key.startswith("X-") and key.endswith("-Cache"))
    }


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def catalogue():
    return public_catalogue()


def test_the_table_names_every_public_pattern_of_the_urlconf():
    assert set(PUBLIC_GET_PAGES) | POST_ONLY == public_pattern_names()


@pytest.mark.parametrize("name", sorted(PUBLIC_GET_PAGES))
def test_head_answers_like_get_without_a_body(client, catalogue, name):
    url = PUBLIC_GET_PAGES[name]
    fill_dossier(client)
    client.get("/en/dossier/")  # shows, and so uses up, the "now in your dossier" message

    head = client.head(url)
    get = client.get(url)

    assert head.status_code == get.status_code == 200
    assert body(head) == b""
    assert compared(head.headers) == compared(get.headers)


@pytest.mark.parametrize("url", ["/robots.txt", "/healthz", "/en/", "/sitemap.xml", "/favicon.ico"])
def test_uptime_monitors_get_a_200_to_head(client, catalogue, url):
    assert client.head(url).status_code == 200
