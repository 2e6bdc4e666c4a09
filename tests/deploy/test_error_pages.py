"""The error pages: the site's own 404 and 500, in the site's frame."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import get_resolver

pytestmark = pytest.mark.django_db


def main_navigation(html):
    found = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert found, "no main navigation"
    return found.group(0)


@pytest.mark.parametrize("path", ["/en/no-such-page/", "/en/measures/no-such-measure/", "/nope"])
def test_404_page_uses_the_sites_template(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert "<h1>This page does not exist</h1>" in html
    assert '<form class="hero__search" method="get" action="/en/measures/"' in html


def test_404_page_below_measures_marks_the_measures_section(client):
    html = client.get("/en/measures/no-such-measure/").content.decode()

    # The path lies below /en/measures/, so the Measures link is marked as the section.
    navigation = main_navigation(html)
    assert 'href="/en/measures/" aria-current="true"' in navigation
    assert 'aria-current="page"' not in navigation


def test_500_template_renders_without_a_request():
    html = render_to_string("500.html")

    assert '<header class="site-header">' in html
    assert "<h1>Something went wrong on our side</h1>" in html
    assert 'href="/en/"' in html
    # Without a request nothing is the current page.
    assert "aria-current" not in main_navigation(html)


def test_500_handler_renders_the_sites_page():
    handler = get_resolver().resolve_error_handler(500)

    response = handler(RequestFactory().get("/en/measures/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
