"""The browser checks take every public page that answers HTML, and only those.

tests/browser/test_accessibility.py runs axe-core and the 320-pixel reflow check over
`HTML_PAGES`, the addresses of tests/public_pages.py that `is_html_page()` keeps. The
rule reads the address alone; here every address is asked for, so a page left out by
the rule (or a download let in) fails this test rather than going unchecked.
"""

import pytest

from tests.public_pages import HTML_PAGES, PUBLIC_GET_PAGES, fill_dossier, public_catalogue

pytestmark = pytest.mark.django_db


def answers_html(response):
    return response["Content-Type"].split(";")[0].strip() == "text/html"


def test_the_browser_checks_take_exactly_the_public_addresses_that_answer_html(client):
    public_catalogue()
    fill_dossier(client)
    html = set()
    for name, address in PUBLIC_GET_PAGES.items():
        response = client.get(address)
        assert response.status_code == 200, address
        if answers_html(response):
            html.add(name)
        if response.streaming:
            b"".join(response.streaming_content)  # read to its end, as a client does

    # The names on one side only: an HTML page left out, or a download let in.
    assert sorted(set(HTML_PAGES) ^ html) == []
