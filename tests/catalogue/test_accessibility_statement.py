"""The accessibility statement: what EU public-sector websites must say, from the footer."""

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
