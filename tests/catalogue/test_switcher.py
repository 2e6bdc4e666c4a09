"""The language switcher links to the same page, filters and all, in every language."""

import re

import pytest

pytestmark = pytest.mark.django_db


def switcher_links(html):
    """{language code: (address, is current)} of the switcher's links."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang="\w+"( aria-current="true")?', nav)
    return {lang: (href.replace("&amp;", "&"), bool(current)) for href, lang, current in links}


def test_switcher_offers_every_language_named_in_itself(client, catalogue):
    html = client.get("/en/").content.decode()

    assert list(switcher_links(html)) == ["en", "de", "fi", "pl", "es"]
    for name in [">English<", ">Deutsch<", ">Suomi<", ">Polski<", ">Español<"]:
        assert name in html


def test_switcher_keeps_the_path_and_the_filters(client, catalogue):
    query = "?region=mv&theme=remote-work&q=coworking&page=1"
    html = client.get(f"/de/measures/{query}").content.decode()

    links = switcher_links(html)
    assert links["en"] == (f"/en/measures/{query}", False)
    assert links["de"] == (f"/de/measures/{query}", True)
    assert links["es"] == (f"/es/measures/{query}", False)


def test_switcher_keeps_the_measure(client, catalogue):
    html = client.get("/en/measures/rural-coworking-spaces/").content.decode()

    assert switcher_links(html)["de"] == ("/de/measures/rural-coworking-spaces/", False)


def test_switcher_keeps_the_address_on_the_not_found_page(client):
    html = client.get("/de/no-such-page/?x=1").content.decode()

    assert switcher_links(html)["en"] == ("/en/no-such-page/?x=1", False)


def test_the_current_language_is_marked_for_screen_readers_and_not_by_colour_alone(
    client, catalogue
):
    html = client.get("/fi/themes/").content.decode()

    current = [code for code, (_url, is_current) in switcher_links(html).items() if is_current]
    assert current == ["fi"]
    assert '<nav class="language-switcher" aria-label="Kieli">' in html
