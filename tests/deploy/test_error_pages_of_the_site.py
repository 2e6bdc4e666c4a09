"""The error pages in the site's frame and language, none naming a canonical address: an error
page is not the page its address stands for. A form refused for its CSRF token is one of them."""

import pytest
from django.db import OperationalError, connections
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def assert_not_canonical(html):
    assert 'rel="canonical"' not in html
    assert 'property="og:url"' not in html


@pytest.mark.parametrize(
    "path", ["/en/no-such-page/", "/de/measures/no-such-measure/", "/en/regions/atlantis/", "/nope"]
)
def test_a_404_page_names_no_canonical_address(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert_not_canonical(response.content.decode())


def test_the_503_page_names_no_canonical_address(monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)

    response = Client(raise_request_exception=False).get("/en/measures/")

    assert response.status_code == 503
    assert_not_canonical(response.content.decode())


@pytest.mark.parametrize(
    ("template", "context"),
    [("500.html", {}), ("400.html", {}), ("lockout.html", {"failure_limit": 5})],
)
def test_the_other_error_pages_name_no_canonical_address(template, context):
    request = RequestFactory().get("/admin/login/")

    assert_not_canonical(render_to_string(template, context, request=request))


def test_a_page_that_is_no_error_still_names_its_canonical_address(client):
    html = client.get("/en/measures/").content.decode()

    assert '<link rel="canonical" href="' in html


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_a_form_without_its_token_gets_the_sites_page_in_the_pages_language(csrf_client, region):
    measure = MeasureFactory(region=region)
    url = f"/de/measures/{measure.slug}/contact/"

    response = csrf_client.post(url, {"name": "Anna", "message": "Hallo"})

    assert response.status_code == 403
    assert "403_csrf.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert '<header class="site-header">' in html
    assert 'href="/de/measures/"' in html
    assert "CSRF" not in html
    assert_not_canonical(html)


def test_the_csrf_page_says_what_to_do(csrf_client, region):
    measure = MeasureFactory(region=region)

    html = csrf_client.post(f"/en/measures/{measure.slug}/contact/", {}).content.decode()

    assert "<h1>The form could not be sent</h1>" in html
    assert "reload the page and send the form again" in html
