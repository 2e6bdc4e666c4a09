"""The pages of results, resources and transfers in Chromium: no axe violations, no sideways scroll.

A measure's page with its results table and both directions of its lineage,
the list with the evidence, budget and funding facets ticked, the comparison
with the new rows and the transfers page, in English and German, at a desktop
width, on a phone and at 320 CSS pixels (a 1280-pixel window zoomed to 400 %).
"""

import datetime

import pytest

from tests.browser.test_accessibility import REFLOW, axe_violations, describe
from tests.factories import (
    CategoryFactory,
    IndicatorFactory,
    LineageFactory,
    MeasureFactory,
    PartnerFactory,
    RegionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("origin with its adaptation", "/measures/digital-consultations/"),
    ("adaptation with its results", "/measures/consultation-criterion/"),
    ("list with the new facets", "/measures/?evidence=monitored&budget=over-1m&funding=erdf"),
    ("comparison", "/compare/?m=digital-consultations&m=consultation-criterion"),
    ("transfers", "/transfers/"),
]
LANGUAGES = ["en", "de"]


@pytest.fixture
def transfer():
    theme = CategoryFactory(name="Citizen participation", slug="participation")
    ireland = RegionFactory(
        name="Eastern and Midland Region",
        slug="eastern-midland",
        country="IE",
        partner=PartnerFactory(name="Eastern and Midland Regional Assembly", slug="emra"),
    )
    poland = RegionFactory(
        name="Podlaskie Voivodeship",
        slug="podlaskie",
        country="PL",
        partner=PartnerFactory(name="Marshal's Office of Podlaskie", slug="podlaskie"),
    )
    origin = MeasureFactory(
        title="Digital consultations to inform Local Digital Strategies",
        slug="digital-consultations",
        region=ireland,
        categories=[theme],
        evidence_level="anecdotal",
        budget_band="under-50k",
        staff_effort="part-of-one-person",
    )
    adapted = MeasureFactory(
        title="Selection criterion rewarding online user consultation in e-services projects",
        slug="consultation-criterion",
        region=poland,
        categories=[theme],
        evidence_level="monitored",
        budget_band="over-1m",
        duration_months=20,
        funding_erdf=True,
        funding_regional=True,
    )
    IndicatorFactory(
        measure=adapted,
        name="Participants in the promotional conference",
        unit="participants",
        achieved=80,
        achieved_on=datetime.date(2022, 2, 24),
    )
    IndicatorFactory(
        measure=adapted,
        name="Applications to the call for e-services projects in public administration",
        unit="applications",
        baseline=42,
        target=60,
        achieved=None,
    )
    LineageFactory(
        measure=adapted,
        origin=origin,
        kind="inspired",
        changes="A selection criterion in a regional call instead of one council's survey.",
        outcome="Presented to applicants at an online conference with about 80 participants.",
    )
    LineageFactory(
        measure=adapted,
        origin=None,
        origin_name="Digibale (Digipaali): RFID-tagged silage bales",
        origin_place="Häme, Finland",
        origin_url="https://example.org/digibale",
        kind="inspired",
    )


def check(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    found = axe_violations(page)
    assert found == {}, f"{found}\n{describe(page)}"


def page_width(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.usefixtures("transfer")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_has_no_axe_violations_on_a_desktop(desktop, live_server, language, name, path):
    check(desktop, f"{live_server.url}/{language}{path}")


@pytest.mark.usefixtures("transfer")
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_fits_a_phone(phone, live_server, name, path):
    check(phone, f"{live_server.url}/en{path}")

    assert page_width(phone) <= 390


@pytest.mark.usefixtures("transfer")
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_reflows_at_320_pixels(browser, live_server, name, path):
    context = browser.new_context(viewport=REFLOW)
    page = context.new_page()
    try:
        check(page, f"{live_server.url}/de{path}")
        assert page_width(page) <= REFLOW["width"]
    finally:
        context.close()
