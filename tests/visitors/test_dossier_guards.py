"""The token-less "Add to dossier" POST: refused when large or sent from another site,
before its body is read or a session is made; from the site's own pages it works."""

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from measures.visitors import dossier
from measures.visitors.guards import NEW_SESSIONS_PER_HOUR
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

ADD = "/en/dossier/add/"
OWN = "http://testserver"


@pytest.fixture
def measure():
    return MeasureFactory(title="Village e-service points", slug="village")


def basket(client):
    return client.session.get(dossier.SESSION_KEY, [])


def test_an_oversized_body_gets_413_and_creates_no_session(client, measure):
    upload = SimpleUploadedFile("big.bin", b"x" * 200_000)

    response = client.post(ADD, {"slug": "village", "file": upload}, HTTP_ORIGIN=OWN)

    assert response.status_code == 413
    assert Session.objects.count() == 0
    assert "sessionid" not in response.cookies


def test_a_body_announced_as_huge_is_refused_before_it_is_read(client, measure):
    # The test client holds only the small form; reading 100 MB of it would fail.
    response = client.post(ADD, {"slug": "village"}, CONTENT_LENGTH=str(100 * 1024 * 1024))

    assert response.status_code == 413
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "https://testserver"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_REFERER": "https://elsewhere.example/page"},
    ],
)
def test_a_post_from_another_site_creates_no_session(client, measure, headers):
    response = client.post(ADD, {"slug": "village"}, **headers)

    assert response.status_code == 403
    assert Session.objects.count() == 0
    assert "sessionid" not in response.cookies
    assert "only be added to your dossier from this site" in response.content.decode()


def test_a_post_from_another_site_leaves_an_existing_dossier_alone(client, measure):
    other = MeasureFactory(slug="broadband")
    client.post(ADD, {"slug": "broadband"}, HTTP_ORIGIN=OWN)

    client.post(ADD, {"slug": "village"}, HTTP_ORIGIN="https://elsewhere.example")

    assert basket(client) == [other.slug]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": OWN},
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_REFERER": f"{OWN}/en/measures/"},
        {"HTTP_REFERER": f"{OWN}/en/measures/village/"},
        # No browser names no origin: a script, which could name any.
        {},
    ],
)
def test_a_post_from_the_sites_own_pages_adds_the_measure(client, measure, headers):
    response = client.post(ADD, {"slug": "village", "next": "/en/measures/"}, **headers)

    assert response.status_code == 303
    assert basket(client) == ["village"]


def test_site_url_and_trusted_origins_count_as_the_sites_own(client, measure, settings):
    settings.SITE_URL = "https://catalogue.example.org/"
    settings.CSRF_TRUSTED_ORIGINS = ["https://partner-proxy.example.org"]

    client.post(ADD, {"slug": "village"}, HTTP_ORIGIN="https://catalogue.example.org")
    first = basket(client)
    MeasureFactory(slug="broadband")
    client.post(ADD, {"slug": "broadband"}, HTTP_ORIGIN="https://partner-proxy.example.org")

    assert first == ["village"]
    assert basket(client) == ["village", "broadband"]


def test_the_largest_accepted_body_holds_a_long_return_address(client, measure):
    long_address = "/en/measures/?" + "&".join(f"theme=theme-number-{n}" for n in range(150))

    response = client.post(ADD, {"slug": "village", "next": long_address}, HTTP_ORIGIN=OWN)

    assert response.status_code == 303
    assert basket(client) == ["village"]


def test_one_connection_cannot_start_sessions_without_end(measure):

    answers = [
        Client().post(ADD, {"slug": "village"}).status_code
        for _ in range(NEW_SESSIONS_PER_HOUR + 5)
    ]

    assert answers[:NEW_SESSIONS_PER_HOUR] == [303] * NEW_SESSIONS_PER_HOUR
    assert answers[NEW_SESSIONS_PER_HOUR:] == [429] * 5
    assert Session.objects.count() == NEW_SESSIONS_PER_HOUR


def test_the_refused_new_session_gets_the_friendly_page_and_no_session(client, measure):

    for _ in range(NEW_SESSIONS_PER_HOUR):
        client.cookies.clear()
        client.post(ADD, {"slug": "village"})
    client.cookies.clear()

    response = client.post(ADD, {"slug": "village"})

    assert response.status_code == 429
    assert "Too many dossiers were started from your connection" in response.content.decode()
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == NEW_SESSIONS_PER_HOUR


def test_a_visitor_with_a_dossier_adds_more_than_the_new_session_limit(client):

    measures = [MeasureFactory(slug=f"measure-{n}") for n in range(NEW_SESSIONS_PER_HOUR + 3)]

    answers = [client.post(ADD, {"slug": m.slug}).status_code for m in measures]

    assert set(answers) == {303}
    assert Session.objects.count() == 1
