"""The funding statement: one text, kept in one place, on the about page and the legal notice.

The statement the programme requires of a funded project must read the same
wherever the site gives it; written twice, one copy would be corrected and the
other left behind. Both pages take it from templates/about/funding.html, the
about page with a link to the programme's website.
"""

import re

import pytest

pytestmark = pytest.mark.django_db

STATEMENT = (
    "The Next2Met project was co-funded by the European Union through the European Regional "
    "Development Fund (ERDF), under the Interreg Europe programme. The content of this catalogue "
    "is the responsibility of the partners who wrote it; it does not necessarily reflect the "
    "views of the European Union or of the Interreg Europe programme, which are not responsible "
    "for any use of it."
)


def funding_section(response):
    html = response.content.decode()
    found = re.search(r'<section aria-labelledby="funding-heading">(.*?)</section>', html, re.S)
    assert found, "no funding section"
    return found.group(1)


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("path", ["/en/about/", "/en/legal-notice/"])
def test_the_page_states_the_funding_from_the_one_partial(client, path):
    response = client.get(path)

    assert "about/funding.html" in [template.name for template in response.templates]
    assert text_of(funding_section(response)).startswith(f"Funding {STATEMENT}")


def test_only_the_about_page_links_the_programme_beside_the_statement(client):
    about = funding_section(client.get("/en/about/"))
    legal = funding_section(client.get("/en/legal-notice/"))

    assert "The Interreg Europe programme</a>" in about
    assert "<a " not in legal
    assert text_of(about) == f"{text_of(legal)} The Interreg Europe programme"


def test_the_german_pages_state_the_same_translated_funding(client):
    about = text_of(funding_section(client.get("/de/about/")))
    legal = text_of(funding_section(client.get("/de/legal-notice/")))

    assert about.startswith(legal)
    assert "Europäische Union" in legal or "Europäischen Union" in legal
