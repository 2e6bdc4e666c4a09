"""The adoption tools clicked through in Chromium, on a phone and a desktop.

A visitor answers the fit check on a measure's page and keeps the answer in the
dossier, whose PDF then holds it; an organisation says it is exploring a
measure, confirms its address from the mail, a coordinator approves the entry
in the admin and later records the adoption as an "adapted from" link.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from measures.models import Exploration, Lineage, Prerequisite
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"
SCREENSHOTS = "/tmp/adoption-screens"


@pytest.fixture
def measure():
    partner = PartnerFactory(name="Päijät-Häme Regional Council", short_name="PHRC", slug="ph")
    region = RegionFactory(name="Päijät-Häme", slug="paijat-hame", partner=partner)
    theme = CategoryFactory(name="E-health and home care", slug="e-health-care")
    measure = MeasureFactory(
        title="Remote home care",
        slug="remote-home-care",
        region=region,
        partner=partner,
        categories=[theme],
        budget_band="50k-250k",
        staff_effort="small-team",
    )
    for position, (kind, condition) in enumerate(
        [("infrastructure", "Broadband in clients' homes"), ("people", "Nurses for video visits")]
    ):
        Prerequisite.objects.create(
            measure=measure, kind=kind, condition=condition, position=position
        )
    return measure


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_fit_check_answered_on_the_page_goes_into_the_dossier_pdf(
    browser, live_server, measure, viewport
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/measures/remote-home-care/")

    page.get_by_role("group", name=re.compile("Broadband in clients")).get_by_label(
        "We have it"
    ).check()
    page.get_by_role("group", name=re.compile("Nurses for video visits")).get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Budget you could spend on it").select_option("under-50k")
    page.get_by_role("button", name="Check the fit").click()

    expect(page).to_have_url(re.compile(r"/en/measures/remote-home-care/fit/\?.*budget=under-50k"))
    summary = "This measure has 2 prerequisites. 1 is in place. 1 would still be needed."
    expect(page.get_by_text(summary)).to_be_visible()
    expect(page.get_by_role("heading", name="Would be needed")).to_be_visible()
    name = "phone" if viewport == PHONE else "desktop"
    page.screenshot(path=f"{SCREENSHOTS}/fit-check-{name}.png", full_page=True)

    page.get_by_role("button", name="Keep this answer in my dossier").click()
    expect(page).to_have_url(re.compile(r"/fit/\?.*#in-dossier-remote-home-care$"))
    expect(page.get_by_text("This answer is kept in your dossier")).to_be_visible()
    page.goto(f"{live_server.url}/en/dossier/")
    expect(page.get_by_role("link", name="Your fit check is kept with it")).to_be_visible()
    pdf = page.request.get(f"{live_server.url}/en/dossier/dossier.pdf")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "Could this work in your region?" in text
    assert summary in text
    context.close()


# The widest element of the page beyond the window, and where a count stands by its card.
LAYOUT = """
() => {
  const card = document.querySelector('.fit-result__alternatives .card');
  const count = document.querySelector('.fit-result__count');
  return {
    width: document.documentElement.scrollWidth,
    countBelowCard: count.getBoundingClientRect().top >= card.getBoundingClientRect().bottom,
  };
}
"""


@pytest.mark.parametrize("width", [320, 360])
def test_the_german_fit_result_fits_a_phone_with_each_count_under_its_card(
    browser, live_server, measure, width
):
    lighter = MeasureFactory(
        title="Video visits light",
        categories=measure.categories.all(),
        budget_band="under-50k",
        staff_effort="one-person",
    )
    Prerequisite.objects.create(measure=lighter, kind="people", condition="One nurse")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/de/measures/remote-home-care/")
    page.locator("input[type=radio][value=yes]").first.check()
    page.locator("input[type=radio][value=no]").nth(1).check()
    page.locator("#fit-budget").select_option("50k-250k")
    page.locator("#fit-staff").select_option("small-team")
    page.locator(".fit__form button[type=submit]").click()

    expect(page.locator(".fit-result__count")).to_have_text("1 Voraussetzung")
    layout = page.evaluate(LAYOUT)
    assert layout["width"] <= width
    assert layout["countBelowCard"]
    context.close()


@pytest.fixture
def coordinator():
    PartnerFactory(name="Lead partner", slug="lead")
    call_command(
        "create_staff_user",
        "conrad",
        email="conrad@example.org",
        partner="lead",
        role="coordinator",
        no_input=True,
    )
    user = get_user_model().objects.get(username="conrad")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_exploration_from_submission_to_approval_to_adoption(
    browser, live_server, measure, coordinator
):
    adopting = MeasureFactory(title="Village video care in South Karelia")
    visitor = browser.new_context(viewport=PHONE).new_page()
    visitor.goto(f"{live_server.url}/en/measures/remote-home-care/")
    visitor.get_by_role("link", name="Is your region exploring this measure? Tell us").click()

    visitor.get_by_label("Your organisation").fill("Municipality of Lappeenranta")
    visitor.get_by_label("Your region").select_option(label="Another region, not in the list")
    visitor.get_by_label("Another region", exact=True).fill("South Karelia")
    visitor.get_by_label("Its country").select_option("FI")
    visitor.get_by_label("Your e-mail address").fill("digital@lappeenranta.example")
    visitor.get_by_label("I work for a public body").check()
    visitor.get_by_role("button", name="Send the entry").click()
    expect(visitor.get_by_role("heading", name="Check your inbox")).to_be_visible()

    link = re.search(r"http://testserver(/en/explorations/confirm/\S+/)", mail.outbox[-1].body)
    visitor.goto(f"{live_server.url}{link.group(1)}")
    visitor.get_by_role("button", name="Confirm").click()
    expect(visitor.get_by_text("your address is confirmed")).to_be_visible()
    assert Exploration.objects.get().status == Exploration.Status.WAITING

    admin = browser.new_context(viewport=DESKTOP).new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.get_by_label("Username").fill("conrad")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.goto(f"{live_server.url}/admin/measures/exploration/")
    admin.locator("input[name=_selected_action]").first.check()
    admin.locator("select[name=action]").select_option("approve")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 entry decided.")).to_be_visible()

    visitor.goto(f"{live_server.url}/en/measures/remote-home-care/")
    explored = visitor.locator("section.explorations")
    expect(explored).to_contain_text("Municipality of Lappeenranta")
    expect(explored).to_contain_text("South Karelia, Finland")
    expect(explored).not_to_contain_text("lappeenranta.example")
    visitor.screenshot(path=f"{SCREENSHOTS}/explored-by-phone.png", full_page=True)

    admin.get_by_role("link", name=re.compile("Municipality of Lappeenranta")).click()
    admin.get_by_label("Adopted in").select_option(label=adopting.title)
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("The adoption is recorded")).to_be_visible()

    lineage = Lineage.objects.get()
    assert (lineage.measure, lineage.origin, lineage.kind) == (adopting, measure, "adapted")
    assert Exploration.objects.get().status == Exploration.Status.ADOPTED
    visitor.goto(f"{live_server.url}/en/transfers/")
    expect(visitor.locator("#uptake-heading")).to_be_visible()
    expect(visitor.get_by_text("Village video care in South Karelia").first).to_be_visible()
