"""In Chromium, the Content-Security-Policy breaks nothing: the site's script, the admin's widgets.

The browser reports every blocked script, style or request as a console error
starting "Refused to …"; the tests collect them and expect none.
"""

import pytest

from tests.factories import CategoryFactory, MeasureFactory, RegionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase"


@pytest.fixture
def catalogue():
    care = CategoryFactory(name="E-health and home care", slug="e-health-care")
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")
    RegionFactory(name="Lower Austria", slug="lower-austria", nuts_code="AT12", country="AT")
    measure = MeasureFactory(title="Remote home care unit", region=lahti, categories=[care])
    MeasureFactory(title="Digital skills for seniors")
    return {"measure": measure, "lahti": lahti}


@pytest.fixture
def refusals(desktop):
    """Console messages of policy violations and uncaught script errors, as they happen."""
    seen = []
    desktop.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    desktop.on("pageerror", lambda error: seen.append(f"uncaught: {error}"))
    return seen


@pytest.fixture
def signed_in(desktop, live_server):
    UserFactory(
        username="admin",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    desktop.goto(live_server.url + "/admin/login/")
    desktop.get_by_label("Username").fill("admin")
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Log in").click()
    desktop.wait_for_url(live_server.url + "/admin/")
    return desktop


def test_sort_order_script_runs_under_the_policy(desktop, live_server, catalogue, refusals):
    desktop.goto(live_server.url + "/en/measures/")
    desktop.get_by_label("Sort by").select_option("title")
    desktop.wait_for_url("**/en/measures/?*sort=title*")

    assert desktop.locator(".card__title").first.inner_text() == "Digital skills for seniors"
    assert refusals == []


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/measures/?q=care", "/en/measures/remote-home-care-unit/", "/en/partners/"],
)
def test_public_pages_load_without_a_refusal(desktop, live_server, catalogue, refusals, path):
    desktop.goto(live_server.url + path)
    desktop.wait_for_load_state("networkidle")

    assert refusals == []


def test_admin_changelist_works_under_the_policy(signed_in, live_server, catalogue, refusals):
    signed_in.goto(live_server.url + "/admin/measures/measure/?review=all")
    # The actions bar's "select all" checkbox is driven by the admin's actions.js.
    signed_in.locator("#action-toggle").check()

    assert signed_in.locator(".action-counter").inner_text().startswith("2 of 2 selected")
    assert refusals == []


def test_admin_add_form_prepopulates_the_slug_and_autocompletes_the_region(
    signed_in, live_server, catalogue, refusals
):
    signed_in.goto(live_server.url + "/admin/measures/measure/add/")
    # Typed key by key: the admin's prepopulate.js listens for keyup.
    signed_in.locator("#id_title").press_sequentially("Village data hubs")
    assert signed_in.locator("#id_slug").input_value() == "village-data-hubs"

    signed_in.locator(".field-region .select2-selection").click()
    signed_in.locator(".select2-container--open .select2-search__field").fill("Päij")
    signed_in.locator(".select2-results__option", has_text="Päijät-Häme").click()

    assert signed_in.locator("#id_region").input_value() == str(catalogue["lahti"].pk)
    assert refusals == []


def test_admin_history_page_works_under_the_policy(signed_in, live_server, catalogue, refusals):
    measure = catalogue["measure"]
    signed_in.goto(live_server.url + f"/admin/measures/measure/{measure.pk}/history/")

    assert "Remote home care unit" in signed_in.locator("h1").inner_text()
    assert refusals == []
