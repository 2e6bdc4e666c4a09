"""The whole review of a measure, clicked through the admin in Chromium.

An editor creates and submits a measure; a coordinator asks for changes; the
editor fixes it and submits again; the coordinator publishes it, and only then
does the public see it. The editor then edits the published measure, and the
public keeps the published text until the coordinator approves the change.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from measures.models import Measure
from tests.factories import CategoryFactory, PartnerFactory, RegionFactory, TargetGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"
# The measures' list, with or without the filters the admin carries along.
CHANGELIST = re.compile(r".*/admin/measures/measure/(\?.*)?$")


@pytest.fixture
def back_office():
    partner = PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno")
    RegionFactory(name="Mecklenburg-Vorpommern", slug="mv", nuts_code="DE80", partner=partner)
    CategoryFactory(name="Remote work and coworking", slug="remote-work")
    TargetGroupFactory(name="Remote workers", slug="remote-workers")
    PartnerFactory(name="Diputació de Barcelona", slug="diba")
    for username, partner_slug, role in [
        ("edith", "witeno", "editor"),
        ("conrad", "diba", "coordinator"),
    ]:
        call_command(
            "create_staff_user",
            username,
            email=f"{username}@example.org",
            partner=partner_slug,
            role=role,
            no_input=True,
        )
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()


def sign_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def choose(page, field_id, text):
    """Pick an option in one of the admin's autocomplete (select2) widgets."""
    widget = page.locator(f"#{field_id}").locator("xpath=following-sibling::span[1]")
    widget.click()
    # A multiple choice has its search box inline; a single one in the open dropdown.
    inline = widget.locator(".select2-search__field")
    search = inline if inline.count() else page.locator(".select2-container--open input")
    search.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()
    # A multiple-choice widget keeps its list open; close it before going on.
    page.keyboard.press("Escape")


def submit(page, button="Save and send to review"):
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def open_measure(page, live_server, title):
    page.goto(f"{live_server.url}/admin/measures/measure/?review=all")
    page.get_by_role("link", name=title).click()


def public_status(page, live_server, path):
    return page.request.get(f"{live_server.url}{path}", fail_on_status_code=False).status


def test_a_measure_goes_from_draft_to_public_only_through_review(browser, live_server, back_office):
    editor = sign_in(browser, live_server, "edith")
    editor.goto(f"{live_server.url}/admin/measures/measure/add/")
    # Fields by role, which sees only what is shown: the hidden template row of the
    # "Texts in other languages" inline has fields of the same names.
    editor.get_by_role("textbox", name="Title:", exact=True).fill("Coworking in village schools")
    editor.get_by_role("textbox", name="Summary:", exact=True).fill(
        "Empty classrooms become desks for commuters."
    )
    choose(editor, "id_region", "Mecklenburg")
    choose(editor, "id_categories", "Remote work")
    editor.get_by_label("Start year:").fill("2022")
    submit(editor)

    # The fields a published measure needs are asked for at submit time, beside them,
    # and listed at the top of the form, each linked to its field.
    missing = "Describe the measure before sending it to review."
    expect(editor.get_by_text(missing, exact=True)).to_be_visible()
    expect(editor.get_by_role("link", name=f"Description: {missing}")).to_have_attribute(
        "href", "#id_description"
    )
    assert not Measure.objects.exists(), "an incomplete submission saves nothing"
    expect(editor.get_by_role("textbox", name="Summary:", exact=True)).to_have_value(
        "Empty classrooms become desks for commuters."
    )
    editor.get_by_role("textbox", name="Description:", exact=True).fill(
        "Two schools open their spare rooms on weekdays."
    )
    editor.get_by_role("textbox", name="Problem addressed:", exact=True).fill(
        "Commuters spend hours on the road."
    )
    editor.get_by_label("Status in reality:").select_option("running")
    choose(editor, "id_target_groups", "Remote workers")
    submit(editor)
    editor.wait_for_url(CHANGELIST)
    assert Measure.objects.get().status == Measure.Status.SUBMITTED
    measure = Measure.objects.get()
    public_path = f"/en/measures/{measure.slug}/"
    assert public_status(editor, live_server, public_path) == 200, "staff may preview"
    anonymous = browser.new_page()
    assert public_status(anonymous, live_server, public_path) == 404

    coordinator = sign_in(browser, live_server, "conrad")
    coordinator.goto(f"{live_server.url}/admin/measures/measure/review-queue/")
    coordinator.get_by_role("link", name="Coworking in village schools").click()
    # One message box, beside the decision it goes with.
    coordinator.get_by_label("Message to the editors", exact=True).fill(
        "Say how many desks there are."
    )
    coordinator.get_by_role("button", name="Request changes").click()
    expect(coordinator.get_by_text("is now changes requested")).to_be_visible()

    open_measure(editor, live_server, "Coworking in village schools")
    description = editor.get_by_role("textbox", name="Description:", exact=True)
    description.fill(description.input_value() + " Each room has twelve desks.")
    submit(editor)
    editor.wait_for_url(CHANGELIST)
    assert Measure.objects.get().status == Measure.Status.SUBMITTED

    open_measure(coordinator, live_server, "Coworking in village schools")
    expect(coordinator.get_by_text("Say how many desks there are.")).to_be_visible()
    coordinator.get_by_role("button", name="Publish").click()
    expect(coordinator.get_by_text("is now published")).to_be_visible()

    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}{public_path}")
    assert visitor.locator("h1").inner_text() == "Coworking in village schools"
    assert "Empty classrooms become desks for commuters." in visitor.content()

    # An edit of the published measure waits for approval; the public text stays.
    open_measure(editor, live_server, "Coworking in village schools")
    editor.get_by_role("textbox", name="Summary:", exact=True).fill(
        "Spare classrooms become desks for commuters."
    )
    submit(editor, "Save")
    expect(editor.get_by_text("waiting for a coordinator's approval")).to_be_visible()
    visitor.reload()
    assert "Empty classrooms become desks for commuters." in visitor.content()

    open_measure(coordinator, live_server, "Coworking in village schools")
    expect(coordinator.locator(".diff ins", has_text="Spare")).to_be_visible()
    coordinator.get_by_role("button", name="Approve and publish the changes").click()
    expect(coordinator.get_by_text("The changes are published.")).to_be_visible()

    visitor.reload()
    assert "Spare classrooms become desks for commuters." in visitor.content()
    timeline = list(Measure.objects.get().transitions.values_list("to_status", flat=True))
    assert timeline == ["published", "submitted", "changes_requested", "submitted"]
