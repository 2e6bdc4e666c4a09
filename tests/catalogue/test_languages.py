"""Every language has its own prefix, and the German pages speak German."""

import pytest
from django.urls import reverse
from django.utils.translation import override

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "skip_link", "measures"),
    [
        ("en", "Skip to main content", "Measures"),
        ("de", "Zum Hauptinhalt springen", "Maßnahmen"),
        ("fi", "Siirry pääsisältöön", "Toimenpiteet"),
        ("pl", "Przejdź do treści głównej", "Działania"),
        ("es", "Saltar al contenido principal", "Medidas"),
    ],
)
def test_each_language_has_a_prefixed_home_page_in_that_language(
    client, catalogue, language, skip_link, measures
):
    response = client.get(f"/{language}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert skip_link in html
    assert f">{measures}</a>" in html


@pytest.mark.parametrize(
    ("name", "kwargs", "url"),
    [
        ("home", {}, "/de/"),
        ("measures:list", {}, "/de/measures/"),
        (
            "measures:detail",
            {"slug": "rural-coworking-spaces"},
            "/de/measures/rural-coworking-spaces/",
        ),
        ("partners:detail", {"slug": "witeno"}, "/de/partners/witeno/"),
        ("accessibility", {}, "/de/accessibility/"),
    ],
)
def test_german_addresses_carry_the_de_prefix(name, kwargs, url):
    with override("de"):
        assert reverse(name, kwargs=kwargs) == url


def test_german_measure_list_speaks_german(client, catalogue):
    html = client.get("/de/measures/?region=mv").content.decode()

    for text in [
        "Filter anwenden",
        "Maßnahmen durchsuchen",  # the search box, in the header
        "Sortieren nach",
        "Aktive Filter",
        "1 Maßnahme",
        "diesen Filter entfernen",
    ]:
        assert text in html


def test_german_detail_page_speaks_german(client, catalogue):
    html = client.get("/de/measures/rural-coworking-spaces/").content.decode()

    for text in ["Das Wichtigste", "Weitere Informationen", "Behandeltes Problem", "läuft"]:
        assert text.lower() in html.lower()


def test_german_error_page_speaks_german(client):
    response = client.get("/de/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()


def test_accessibility_statement_is_linked_from_every_footer(client, catalogue):
    html = client.get("/de/measures/").content.decode()

    assert '<a href="/de/accessibility/">Erklärung zur Barrierefreiheit</a>' in html


def test_root_still_redirects_to_english_without_a_language_preference(client):
    response = client.get("/")

    assert response["Location"] == "/en/"


def test_root_redirects_a_german_browser_to_german(client):
    response = client.get("/", headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"})

    assert response["Location"] == "/de/"


def test_admin_customisations_speak_german_to_a_german_browser(admin_client, catalogue):
    response = admin_client.get(
        "/admin/measures/measure/review-queue/", headers={"accept-language": "de"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Prüfliste" in html
    assert "0 Maßnahmen warten auf Prüfung" in html
    assert "Next2Met-Verwaltung" in html


def test_review_e_mails_are_written_in_the_active_language(catalogue):
    from django.template.loader import render_to_string

    context = {
        "measure": catalogue["translated"],
        "record": {"user": "erika"},
        "url": "https://example.org/admin/",
        "public_url": "https://example.org/de/",
    }
    with override("de"):
        body = render_to_string("measures/email/published.txt", context)

    assert "Ihre Maßnahme „Rural coworking spaces“ ist veröffentlicht" in body
    assert "Öffentliche Seite:" in body
