"""The accessibility statement: what EU public-sector websites must say, from the footer."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_statement_has_the_sections_of_the_eu_model(client):
    html = client.get("/en/accessibility/").content.decode()

    for heading in [
        "Conformance status",
        "Known limitations",
        "How we check",
        "Report a barrier",
        "Enforcement procedure",
    ]:
        assert f">{heading}</h2>" in html
    assert "partially conformant" in html
    assert "WCAG) 2.1 at level AA" in html


@override_settings(N2M_ACCESSIBILITY_EMAIL="barrierefrei@example.org")
def test_statement_gives_the_contact_address_from_the_setting(client):
    html = client.get("/de/accessibility/").content.decode()

    assert '<a href="mailto:barrierefrei@example.org">barrierefrei@example.org</a>' in html


def test_statement_names_enforcement_bodies_and_links_the_eu_list(client):
    html = client.get("/en/accessibility/").content.decode()

    assert "enforcement body of your country" in html
    assert 'href="https://digital-strategy.ec.europa.eu/en/policies/web-accessibility"' in html


def test_statement_is_in_german_at_the_german_address(client):
    html = client.get("/de/accessibility/").content.decode()

    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html
    assert "Durchsetzungsverfahren" in html
    assert "24. November 2026" in html


def test_statement_is_linked_from_the_footer_of_the_home_page(client):
    html = client.get("/en/").content.decode()

    assert '<a href="/en/accessibility/">Accessibility statement</a>' in html


def test_statement_groups_what_is_not_accessible_by_the_models_three_reasons(client):
    html = client.get("/en/accessibility/").content.decode()

    for heading in [
        "Non-compliance with the accessibility requirements",
        "Disproportionate burden",
        "Content outside the scope of the applicable legislation",
    ]:
        assert f"<h3>{heading}</h3>" in html
    # Each non-compliance names the success criterion it fails.
    for criterion in ["3.1.2", "1.3.1", "4.1.2", "1.1.1"]:
        assert f"WCAG {criterion}" in html


@override_settings(SITE_URL="https://catalogue.example.org")
def test_statement_says_what_it_applies_to_and_when_and_how_it_was_prepared(client):
    html = client.get("/en/accessibility/").content.decode()

    assert "applies to the Next2Met catalogue at https://catalogue.example.org" in html
    assert "Directive (EU) 2016/2102" in html
    assert "We assess the catalogue ourselves" in html
    assert "prepared on 24 November 2026 and last reviewed on 3 December 2026" in html


@pytest.mark.parametrize(
    ("country", "body", "address"),
    [
        (
            "Finland",
            "Liikenne- ja viestintävirasto Traficom",
            "https://www.saavutettavuusvaatimukset.fi/",
        ),
        (
            "Austria",
            "Österreichische Forschungsförderungsgesellschaft (FFG)",
            "https://www.ffg.at/",
        ),
        (
            "Germany",
            "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz",
            "https://www.schlichtungsstelle-bgg.de/",
        ),
        (
            "Spain",
            "Unidad responsable de accesibilidad",
            "https://administracionelectronica.gob.es/",
        ),
        ("Ireland", "Office of the Ombudsman", "https://www.ombudsman.ie/"),
        ("Poland", "Rzecznik Praw Obywatelskich", "https://bip.brpo.gov.pl/"),
    ],
)
def test_statement_names_the_enforcement_body_of_each_partner_country(
    client, country, body, address
):
    html = client.get("/en/accessibility/").content.decode()

    item = re.search(rf"<li><strong>{country}</strong>: (.*?)</li>", html, re.S)
    assert item, f"no enforcement body for {country}"
    assert f'href="{address}"' in item.group(1)
    assert f">{body}</a>" in item.group(1)
