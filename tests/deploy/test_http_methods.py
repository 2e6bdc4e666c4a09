"""Every public address answers OPTIONS and TRACE the same way, and runs no view for them.

TRACE answered 200 with the whole body on the sitemaps and the feeds (views that
name no methods), and OPTIONS answered 405 on function views but 200 on class
views. Now OPTIONS gets 204 with the methods in Allow, as the API answers it, and
TRACE gets 405 with the same Allow. The addresses come from tests/public_pages.py.
"""

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from tests.public_pages import POST_ONLY, PUBLIC_GET_PAGES, public_catalogue

pytestmark = pytest.mark.django_db

SITE_PAGES = sorted(name for name in PUBLIC_GET_PAGES if not name.startswith("api:"))


@pytest.fixture
def catalogue():
    return public_catalogue()


def allowed(response):
    return {method.strip() for method in response["Allow"].split(",")}


@pytest.mark.parametrize("name", SITE_PAGES)
def test_options_names_the_methods_of_every_page(client, catalogue, name):
    response = client.options(PUBLIC_GET_PAGES[name])

    assert response.status_code == 204
    assert response.content == b""
    assert {"GET", "HEAD", "OPTIONS"} <= allowed(response)
    assert "TRACE" not in allowed(response)


@pytest.mark.parametrize("name", sorted(PUBLIC_GET_PAGES))
def test_trace_is_refused_everywhere(client, catalogue, name):
    response = client.generic("TRACE", PUBLIC_GET_PAGES[name])

    assert response.status_code == 405
    assert {"GET", "HEAD"} <= allowed(response)
    assert b"<urlset" not in response.content
    assert b"<feed" not in response.content


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_options_of_a_form_target_names_post(client, catalogue, name):
    with translation.override("en"):
        path = reverse(name)

    response = client.options(path)

    assert response.status_code == 204
    assert "POST" in allowed(response)


def test_trace_of_a_sitemap_runs_no_view(client, catalogue, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.generic("TRACE", "/sitemap-measures.xml")

    assert response.status_code == 405


def test_the_api_still_answers_options_itself(client):
    response = client.options("/api/measures/", HTTP_ORIGIN="https://elsewhere.example")

    assert response.status_code == 204
    assert "Access-Control-Allow-Methods" in response
    assert resolve("/api/measures/").namespace == "api"
