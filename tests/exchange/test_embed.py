"""The embeddable card of a measure and its oEmbed answer; every other page refused as a frame.

The card is the one page other sites may frame (frame-ancestors *, no
X-Frame-Options); it is self-contained (inline style allowed by its hash, no
script, nothing loaded) and small. tests/browser/test_embed_on_another_site.py
shows it in Chromium inside a page of another origin.
"""

import base64
import hashlib
import re

import pytest

from measures.models import MeasureTranslation
from tests.public_pages import PUBLIC_GET_PAGES, fill_dossier, public_catalogue

pytestmark = pytest.mark.django_db

EMBED = "/en/measures/remote-home-care-unit/embed/"
PAGE = "http://testserver/en/measures/remote-home-care-unit/"


def csp(response):
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    )


def test_the_card_shows_title_region_summary_facts_and_a_link_back(client, published_measure):
    response = client.get(EMBED)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1" in html
    assert "Remote home care unit" in html
    assert "Päijät-Häme" in html
    assert published_measure.summary in html
    assert "<dt>Years</dt><dd>since 2020</dd>" in html
    assert "<dt>Status</dt><dd>Running</dd>" in html
    assert "<dt>Themes</dt><dd><span>E-health and home care</span></dd>" in html
    assert published_measure.partner.name in html
    assert f'href="{PAGE}" target="_blank" rel="noopener"' in html
    assert "CC BY 4.0" in html


def test_the_card_may_be_framed_by_any_site(client, published_measure):
    response = client.get(EMBED)

    assert "X-Frame-Options" not in response
    assert csp(response)["frame-ancestors"] == "*"


def test_the_card_is_never_revalidated_into_the_sites_frame_policy(client, published_measure):
    # A 304 would bring the site's frame-ancestors 'none' into the browser's copy: the card
    # gives a browser no validator to ask one with, and the shared page cache keeps no copy.
    first = client.get(EMBED)
    second = client.get(EMBED)

    assert "ETag" not in first
    assert "Last-Modified" not in first
    assert {"private", "no-store"} <= set(first["Cache-Control"].replace(" ", "").split(","))
    assert "X-Page-Cache" not in second
    assert csp(second)["frame-ancestors"] == "*"


def test_the_card_is_self_contained_and_small(client, published_measure):
    response = client.get(EMBED)
    html = response.content.decode()
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()

    assert len(response.content) < 10 * 1024
    assert "<script" not in html
    assert " src=" not in html
    assert '<link rel="stylesheet"' not in html
    assert csp(response)["default-src"] == "'none'"
    assert csp(response)["style-src"] == f"'sha256-{digest}'"
    assert set(re.findall(r'href="([^"]+)"', html)) == {PAGE}


def test_the_card_speaks_the_language_of_its_address(client, published_measure):
    MeasureTranslation.objects.create(
        measure=published_measure, language="de", title="Pflege aus der Ferne", summary="Kurz."
    )

    html = client.get("/de/measures/remote-home-care-unit/embed/").content.decode()

    assert '<html lang="de">' in html
    assert "Pflege aus der Ferne" in html
    assert 'href="http://testserver/de/measures/remote-home-care-unit/"' in html


@pytest.mark.parametrize("name", sorted(set(PUBLIC_GET_PAGES) - {"measures:embed"}))
def test_every_other_page_refuses_to_be_framed(client, name):
    public_catalogue()
    fill_dossier(client)

    response = client.get(PUBLIC_GET_PAGES[name])

    assert response["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == "'none'"


def test_oembed_answers_an_iframe_of_the_card(client, published_measure):
    response = client.get(f"/api/oembed/?url={PAGE}&format=json")
    data = response.json()

    assert response.status_code == 200
    assert data["type"] == "rich"
    assert data["version"] == "1.0"
    assert data["title"] == "Remote home care unit"
    assert data["provider_url"] == "http://testserver/"
    assert data["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["html"] == (
        f'<iframe src="http://testserver{EMBED}" width="400" height="320" '
        'title="Remote home care unit on Next2Met" loading="lazy" style="border:0"></iframe>'
    )


def test_oembed_keeps_within_the_size_a_consumer_asks_for(client, published_measure):
    data = client.get(f"/api/oembed/?url={PAGE}&maxwidth=300&maxheight=900").json()

    assert (data["width"], data["height"]) == (300, 320)


def test_oembed_of_a_page_in_german_frames_the_german_card(client, published_measure):
    data = client.get("/api/oembed/?url=http://testserver/de/measures/remote-home-care-unit/")

    assert 'src="http://testserver/de/measures/remote-home-care-unit/embed/"' in data.json()["html"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("?url=", 400),
        (f"?url={PAGE}&format=xml", 501),
        (f"?url={PAGE}&maxwidth=0", 400),
        ("?url=https://elsewhere.example/en/measures/remote-home-care-unit/", 404),
        ("?url=http://testserver/en/regions/paijat-hame/", 404),
        ("?url=http://testserver/xx/measures/remote-home-care-unit/", 404),
        ("?url=http://testserver/en/measures/no-such-measure/", 404),
        ("?url=%00%ff", 404),
    ],
)
def test_oembed_answers_a_bad_request_in_json(client, published_measure, query, status):
    response = client.get(f"/api/oembed/{query}")

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_oembed_knows_no_hidden_measure(client, measure_in_each_hidden_state):
    for measure in measure_in_each_hidden_state.values():
        url = f"http://testserver/en/measures/{measure.slug}/"

        assert client.get(f"/api/oembed/?url={url}").status_code == 404


def test_the_measure_page_names_its_oembed_answer(client, published_measure):
    html = client.get("/en/measures/remote-home-care-unit/").content.decode()

    assert (
        '<link rel="alternate" type="application/json+oembed" '
        'href="http://testserver/api/oembed/?url=http%3A%2F%2Ftestserver%2Fen%2Fmeasures%2F'
        'remote-home-care-unit%2F&amp;format=json" title="Remote home care unit">'
    ) in html
