"""An expert opinion clicked through in Chromium, from draft to published.

An expert writes an opinion on a published measure in the admin and submits
it, a coordinator publishes it, and a visitor on a phone reads it on the
measure's page, with the four ratings, their reasons, and no accessibility
violation.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from measures.models import ExpertOpinion
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import axe_violations
from tests.factories import MeasureFactory, PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"
SCREENSHOTS = "/tmp/expert-screens"


def staff_person(username, role, partner=None):
    options = {"partner": partner} if partner else {}
    call_command(
        "create_staff_user",
        username,
        email=f"{username}@example.org",
        role=role,
        no_input=True,
        **options,
    )
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(browser, live_server, username):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return page


def test_expert_opinion_from_draft_to_published(browser, live_server):
    measure = MeasureFactory(title="Remote home care", slug="remote-home-care")
    staff_person("maria", "expert")
    PartnerFactory(name="Lead partner", slug="lead")
    staff_person("conrad", "coordinator", partner="lead")

    expert = sign_in(browser, live_server, "maria")
    expert.goto(f"{live_server.url}/admin/measures/expertopinion/add/")
    expert.get_by_label("Measure").select_option(label="Remote home care")
    expert.get_by_label("Your name as shown").fill("Dr. Maria Nowak")
    expert.get_by_label("Affiliation").fill("University of Łódź, regional economics")
    expert.get_by_label("Opinion").fill("Small municipalities can copy it with a modest team.")
    for criterion, score, reason in [
        ("relevance", "5", "Made for villages an hour from a capital."),
        ("evidence", "3", "Counts of users, but no comparison group."),
        ("transferability", "4", "Needs only a municipal IT department."),
        ("novelty", "2", "Similar portals exist in Estonia."),
    ]:
        expert.locator(f"select[name={criterion}]").select_option(score)
        expert.locator(f"textarea[name={criterion}_reason]").fill(reason)
    expert.get_by_role("button", name="Save", exact=True).click()
    opinion = ExpertOpinion.objects.get()
    assert opinion.status == ExpertOpinion.Status.DRAFT

    expert.goto(f"{live_server.url}/admin/measures/expertopinion/{opinion.pk}/change/")
    expert.screenshot(path=f"{SCREENSHOTS}/admin-expert-draft.png", full_page=True)
    expert.get_by_label("Next step").select_option("submitted")
    expert.get_by_role("button", name="Save", exact=True).click()
    opinion.refresh_from_db()
    assert opinion.status == ExpertOpinion.Status.SUBMITTED

    # Submitted is not public yet.
    visitor = browser.new_context(viewport=PHONE).new_page()
    visitor.goto(f"{live_server.url}/en/measures/{measure.slug}/")
    expect(visitor.get_by_role("heading", name="Remote home care")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Expert opinions")).to_have_count(0)

    coordinator = sign_in(browser, live_server, "conrad")
    coordinator.goto(f"{live_server.url}/admin/measures/expertopinion/")
    coordinator.get_by_role("link", name="Dr. Maria Nowak").click()
    coordinator.screenshot(path=f"{SCREENSHOTS}/admin-coordinator.png", full_page=True)
    coordinator.get_by_label("Next step").select_option("published")
    coordinator.get_by_role("button", name="Save", exact=True).click()
    opinion.refresh_from_db()
    assert opinion.status == ExpertOpinion.Status.PUBLISHED

    for page, name in [
        (visitor, "phone"),
        (browser.new_context(viewport=DESKTOP).new_page(), "desktop"),
    ]:
        page.goto(f"{live_server.url}/en/measures/{measure.slug}/")
        section = page.locator(".expert-opinions")
        expect(section.get_by_role("heading", name="Expert opinions")).to_be_visible()
        expect(section.get_by_role("heading", name="Dr. Maria Nowak")).to_be_visible()
        expect(section.get_by_text("University of Łódź, regional economics")).to_be_visible()
        expect(section.get_by_text("5 of 5")).to_be_visible()
        expect(section.get_by_text("Similar portals exist in Estonia.")).to_be_visible()
        section.scroll_into_view_if_needed()
        section.screenshot(path=f"{SCREENSHOTS}/opinion-{name}.png")
        assert axe_violations(page) == {}
