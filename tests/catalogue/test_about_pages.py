"""About, legal notice, privacy notice: who stands behind the catalogue, linked from every page."""

import re

import pytest
from django.test import override_settings

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's visible text in one line, tags dropped."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_about_names_programme_fund_and_period(client):
    text = text_of(client.get("/en/about/"))

    assert "Interreg Europe 2014–2020" in text
    assert "European Regional Development Fund (ERDF)" in text
    assert "1 August 2019 to 31 July 2023" in text
    assert "EUR 1,360,000" in text


def test_about_lists_the_partners_from_the_database_lead_first_former_marked(client):
    PartnerFactory(name="Zeta Agency", role="partner")
    PartnerFactory(name="Alpha Council", role="lead")
    PartnerFactory(name="Beta Office", role="partner", is_active=False)

    html = client.get("/en/about/").content.decode()

    assert html.index("Alpha Council") < html.index("Zeta Agency") < html.index("Beta Office")
    assert re.search(r"Beta Office</a>\s*<span[^>]*>[^<]*former partner", html)


def test_about_lists_partners_in_one_query(client, django_assert_num_queries):
    PartnerFactory.create_batch(5)
    with django_assert_num_queries(1):
        assert client.get("/en/about/").status_code == 200


def test_legal_notice_shows_marked_placeholders_until_the_operator_is_set(client):
    html = client.get("/en/legal-notice/").content.decode()

    for setting in ["N2M_OPERATOR_NAME", "N2M_OPERATOR_ADDRESS", "N2M_OPERATOR_EMAIL"]:
        assert re.search(rf'<span class="placeholder">Not filled in yet:[^<]*{setting}', html)


@override_settings(
    N2M_OPERATOR_NAME="Regional Council of Example",
    N2M_OPERATOR_ADDRESS="Main Street 1; 15100 Lahti; Finland",
    N2M_OPERATOR_EMAIL="info@example.org",
    N2M_OPERATOR_REPRESENTATIVE="Maija Example",
)
def test_legal_notice_gives_the_operator_from_the_settings(client):
    html = client.get("/en/legal-notice/").content.decode()

    assert "Regional Council of Example" in html
    assert "<address>Main Street 1<br>15100 Lahti<br>Finland</address>" in html
    assert '<a href="mailto:info@example.org">info@example.org</a>' in html
    assert "Maija Example" in html
    assert 'class="placeholder"' not in html


@override_settings(N2M_OPERATOR_EMAIL="info@example.org", N2M_PRIVACY_EMAIL="dpo@example.org")
def test_privacy_notice_sends_data_questions_to_the_privacy_address(client):
    html = client.get("/en/privacy/").content.decode()

    assert 'href="mailto:dpo@example.org"' in html


@override_settings(N2M_MAIL_KEEP_SENT_DAYS=30, SESSION_COOKIE_AGE=7 * 24 * 60 * 60)
def test_privacy_notice_states_the_retention_the_settings_use(client):
    text = text_of(client.get("/en/privacy/"))

    assert "deleted from it 30 days after it was sent" in text
    assert "The session ends 7 days after you last changed it" in text
    # The alert confirmation link's lifetime (measures.visitors.alerts.links).
    assert "the address is deleted after 3 days" in text
    assert "no analytics" in text


def test_footer_states_licence_and_funding_and_links_the_trust_pages(client):
    html = client.get("/en/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
        "Creative Commons Attribution 4.0 International (CC BY 4.0)</a>"
    ) in footer
    assert "co-funded by the European Union" in footer
    assert "European Regional Development Fund" in footer
    for url in ["/en/about/", "/en/legal-notice/", "/en/privacy/"]:
        assert f'href="{url}"' in footer


@override_settings(
    CONTENT_LICENSE={
        "spdx": "CC0-1.0",
        "name": "Creative Commons Zero 1.0",
        "short_name": "CC0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
)
def test_footer_licence_follows_the_setting(client):
    html = client.get("/en/about/").content.decode()

    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/" rel="license"' in html
    assert "CC BY" not in html


@pytest.mark.parametrize("url", ["/de/about/", "/de/legal-notice/", "/de/privacy/"])
def test_trust_pages_answer_in_every_language(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
