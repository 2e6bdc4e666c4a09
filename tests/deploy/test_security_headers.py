"""Every response carries the security headers: public pages, admin pages and static files."""

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import import_export
import pytest
import simple_history
from django.conf import settings as django_settings

from measures.models import Measure
from tests.factories import MeasureFactory, PartnerFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/en/",
    "/en/measures/",
    "/en/measures/?q=care",
    "/en/measures/remote-home-care-unit/",
    "/en/regions/",
    "/en/regions/paijat-hame/",
    "/en/themes/",
    "/en/themes/e-health-care/",
    "/en/partners/",
    "/en/partners/paijat-hame/",
    "/robots.txt",
    "/healthz",
]
ADMIN_PAGES = [
    "/admin/",
    "/admin/measures/measure/",
    "/admin/measures/measure/add/",
    "/admin/measures/measure/{pk}/change/",
    "/admin/measures/measure/{pk}/history/",
    "/admin/partners/partner/",
    "/admin/2fa/setup/",
]


@pytest.fixture
def catalogue(published_measure, partner):
    published_measure.partner = partner
    published_measure.save()
    return published_measure


def assert_security_headers(response, frame_options=True):
    csp = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"][0] == "'self'"
    # Beyond 'self', only the hashes of named style attributes (see settings.py).
    assert all(
        source == "'unsafe-hashes'" or source.startswith("'sha256-")
        for source in directives["style-src"][1:]
    )
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if frame_options:
        assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
        assert feature in policy


class ScriptCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def scripts_of(response):
    collector = ScriptCollector()
    collector.feed(response.content.decode())
    return collector.scripts


# Script elements that hold data, never run (JSON-LD metadata, json_script); CSP ignores them.
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


def is_own_file(script):
    """A script loaded from the site itself: a path, not an inline script or another host."""
    if (script.get("type") or "").lower() in DATA_BLOCK_TYPES:
        return True
    src = script.get("src") or ""
    return src.startswith("/") and not src.startswith("//")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_responses_carry_the_security_headers(client, catalogue, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_responses_carry_the_security_headers(admin_client, catalogue, path):
    response = admin_client.get(path.format(pk=catalogue.pk))

    assert response.status_code == 200
    assert_security_headers(response)


def test_admin_login_page_carries_the_security_headers(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert_security_headers(response)


def test_static_files_carry_the_security_headers(client, settings):
    # Tests run without collectstatic; whitenoise finds the files in static/ instead.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    # whitenoise answers before XFrameOptionsMiddleware; frame-ancestors 'none' does its job.
    assert_security_headers(response, frame_options=False)


@pytest.mark.parametrize("path", [p for p in PUBLIC_PAGES if p.startswith("/en/")])
def test_public_pages_load_scripts_from_files_only(client, catalogue, path):
    scripts = scripts_of(client.get(path))

    # The policy allows no inline script; every script must be one of the site's files.
    assert all(is_own_file(script) for script in scripts), scripts


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_load_scripts_from_files_only(admin_client, catalogue, path):
    scripts = scripts_of(admin_client.get(path.format(pk=catalogue.pk)))

    assert scripts, "the admin pages use scripts; the check must see them"
    assert all(is_own_file(script) for script in scripts), scripts


def test_the_list_page_script_is_a_static_file(client, catalogue):
    scripts = scripts_of(client.get("/en/measures/"))

    assert {"src": "/static/js/filters.js", "defer": None} in scripts


def test_no_nonce_is_sent_when_no_template_asks_for_one(client, catalogue):
    csp = client.get("/en/").headers["Content-Security-Policy"]

    assert "'nonce-" not in csp


def test_a_template_that_needs_an_inline_script_gets_a_nonce(rf):
    # The escape hatch the policy keeps for an inline script that cannot be a file.
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    request = rf.get("/en/")
    response = CSPMiddleware(view)(request)

    nonce = request.csp_nonce
    assert f"script-src 'self' 'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_every_response_in_a_catalogue_of_many_pages_carries_the_policy(client):
    # The same header whatever the data: a draft's 404 is also covered by the policy.
    MeasureFactory(title="Draft measure", status=Measure.Status.DRAFT, published_at=None)
    PartnerFactory()

    response = client.get("/en/measures/draft-measure/")

    assert response.status_code == 404
    # django-csp leaves debug 404 pages alone; `make test` runs with DEBUG on.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in response


def style_attributes(package, template):
    text = (Path(package.__file__).parent / "templates" / template).read_text()
    return re.findall(r'style="([^"]*)"', text)


def test_inline_styles_of_third_party_admin_templates_are_allowed_by_their_hash():
    styles = style_attributes(
        simple_history, "simple_history/object_history_list.html"
    ) + style_attributes(import_export, "admin/import_export/export.html")
    hashes = {
        f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"
        for style in styles
    }

    assert styles, "the templates have style attributes; the check must see them"
    assert hashes == set(django_settings.THIRD_PARTY_STYLE_HASHES)


def test_the_answer_to_a_host_that_is_not_allowed_cannot_be_framed_either(client):
    response = client.get("/en/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["X-Frame-Options"] == "DENY"
