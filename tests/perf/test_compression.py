"""Public HTML is gzipped; nothing that could carry a secret is (BREACH)."""

import gzip

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token

from next2met.compression import PublicGZipMiddleware
from tests.perf.conftest import LIST_URL

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate, br"}
PAGE = "<p>" + "A public page long enough to be worth compressing. " * 20 + "</p>"


def test_the_public_pages_are_gzipped_for_browsers_that_accept_it(client, published, region):
    for url in ["/en/", LIST_URL, published.get_absolute_url(), region.get_absolute_url()]:
        response = client.get(url, headers=GZIP)

        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"], url
        html = gzip.decompress(response.content).decode()
        assert "</html>" in html
        assert "csrfmiddlewaretoken" not in html, url


def test_cached_pages_are_served_compressed_or_not_as_the_browser_asks(client, published):
    compressed = [client.get(LIST_URL, headers=GZIP) for _ in range(2)]
    plain = [client.get(LIST_URL) for _ in range(2)]

    assert [r["X-Page-Cache"] for r in compressed + plain] == ["miss", "hit", "miss", "hit"]
    assert [r.get("Content-Encoding") for r in compressed] == ["gzip", "gzip"]
    assert [r.get("Content-Encoding") for r in plain] == [None, None]
    assert gzip.decompress(compressed[1].content) == plain[1].content


def test_no_compression_without_accept_encoding(client, published):
    response = client.get(LIST_URL)

    assert "Content-Encoding" not in response
    assert published.title in response.content.decode()


def test_the_admin_is_never_compressed(client, editor):
    login = client.get("/admin/login/", headers=GZIP)
    client.force_login(editor)
    changelist = client.get("/admin/measures/measure/", headers=GZIP)

    assert login.status_code == 200
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "Content-Encoding" not in login
    assert changelist.status_code == 200
    assert "Content-Encoding" not in changelist


def test_answers_with_a_csrf_token_or_a_cookie_are_not_compressed(rf):
    def with_token(request):
        return HttpResponse(PAGE + get_token(request))

    def with_cookie(request):
        response = HttpResponse(PAGE)
        response.set_cookie("seen", "1")
        return response

    def plain(request):
        return HttpResponse(PAGE)

    encodings = {}
    for view in (with_token, with_cookie, plain):
        request = rf.get("/en/probe/", headers=GZIP)
        request.user = AnonymousUser()
        response = PublicGZipMiddleware(view)(request)
        encodings[view.__name__] = response.get("Content-Encoding")

    assert encodings == {"with_token": None, "with_cookie": None, "plain": "gzip"}
