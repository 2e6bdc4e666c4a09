"""The URL map: every pattern named and namespaced, the public addresses pinned, site files."""

import pytest
from django.db import DatabaseError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views import static

pytestmark = pytest.mark.django_db


def walk(patterns, namespace=None, prefix="", urlconf=None):
    """(namespace, route, pattern, including urlconf module) of every URLPattern below."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace])) or None
            module = getattr(entry.urlconf_module, "__name__", urlconf)
            yield from walk(entry.url_patterns, inner, route, module)
        elif isinstance(entry, URLPattern):
            yield namespace, route, entry, urlconf


def project_patterns():
    """Our patterns, without Django's admin (it has unnamed redirects of its own) and
    without the media files served in debug mode only."""
    return [
        (namespace, route, pattern, urlconf)
        for namespace, route, pattern, urlconf in walk(get_resolver().url_patterns)
        if namespace != "admin" and pattern.callback is not static.serve
    ]


def test_the_walk_sees_the_project_patterns():
    routes = {route for _namespace, route, _pattern, _urlconf in project_patterns()}

    assert {"robots.txt", "healthz", "en/measures/", "en/partners/<slug:slug>/"} <= routes


def test_every_url_pattern_has_a_name():
    unnamed = [route for _ns, route, pattern, _urlconf in project_patterns() if not pattern.name]

    assert unnamed == []


@pytest.mark.parametrize(
    ("namespace", "module"),
    [
        ("measures", "measures.urls"),
        ("partners", "measures.partner_urls"),
        ("api", "measures.exchange.urls"),
    ],
)
def test_app_patterns_live_in_their_namespace(namespace, module):
    namespaces = {
        found for found, _route, _pattern, urlconf in project_patterns() if urlconf == module
    }

    assert namespaces == {namespace}


@pytest.mark.parametrize(
    ("name", "kwargs", "url"),
    [
        ("home", {}, "/en/"),
        ("measures:list", {}, "/en/measures/"),
        ("measures:detail", {"slug": "remote-home-care"}, "/en/measures/remote-home-care/"),
        ("measures:region_list", {}, "/en/regions/"),
        ("measures:region_detail", {"slug": "paijat-hame"}, "/en/regions/paijat-hame/"),
        ("measures:theme_list", {}, "/en/themes/"),
        ("measures:theme_detail", {"slug": "e-services"}, "/en/themes/e-services/"),
        ("partners:list", {}, "/en/partners/"),
        ("partners:detail", {"slug": "witeno"}, "/en/partners/witeno/"),
        ("robots_txt", {}, "/robots.txt"),
        ("healthz", {}, "/healthz"),
        ("admin:index", {}, "/admin/"),
    ],
)
def test_public_addresses_are_pinned(name, kwargs, url):
    assert reverse(name, kwargs=kwargs) == url


def test_root_redirects_to_the_english_home_page(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_path_without_language_prefix_redirects_to_the_prefixed_page(client):
    response = client.get("/measures/?region=paijat-hame")

    assert response.status_code == 302
    assert response["Location"] == "/en/measures/?region=paijat-hame"


def test_robots_txt_disallows_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines


def test_healthz_answers_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "mail_waiting": 0,
        "mail_oldest_waiting_seconds": None,
        "mail_failed": 0,
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refused():
        raise DatabaseError("connection refused")

    # The health check's one query is the outbox's summary.
    monkeypatch.setattr("next2met.views.queue_summary", refused)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


@pytest.mark.parametrize("url", ["/healthz", "/robots.txt", "/en/"])
def test_site_files_refuse_post(client, url):
    assert client.post(url).status_code == 405
