"""axe-core finds nothing on the public pages, in English and German, nor on our admin screens.

axe-core (vendored by axe-playwright-python, nothing is fetched) checks what a
machine can check of WCAG 2.1 A and AA: names and labels, contrast, landmarks,
heading order, lang attributes, ARIA. Each page is checked at a desktop width
and at 320 CSS pixels, the width of a 1280-pixel window zoomed to 400 %, where
the page must also fit without sideways scrolling (WCAG 1.4.10, reflow).

The pages are every public page of tests/public_pages.py that answers HTML
(`HTML_PAGES`, so a page added to the site is checked too), and the states a
visitor reaches only by a step: a dossier holding two measures, a fit check
answered, a form sent and thanked for or refused, and the pages of a fuller
catalogue (filters ticked, more than one page of results, texts in German).
"""

import pytest

from tests.browser.catalogue import PASSWORD, build_catalogue, sign_in_to_admin
from tests.public_pages import HTML_PAGES, MEASURE, public_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
REFLOW = {"width": 320, "height": 640}
LANGUAGES = ["en", "de"]


def axe_violations(page):
    """{rule id: number of elements} of every axe violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return {violation["id"]: len(violation["nodes"]) for violation in result.response["violations"]}


def describe(page):
    """The failing elements, for the assertion message."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return "\n".join(
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:200]}"
        for violation in result.response["violations"]
        for node in violation["nodes"][:5]
    )


# How a visitor reaches each page: (page, site address, language) -> the page is shown.


def address(path):
    """Open `path` (without the language prefix) in the page's language."""

    def open_page(page, site, language):
        response = page.goto(f"{site}/{language}{path}")
        assert response.status == 200, path
        assert response.headers["content-type"].startswith("text/html"), path

    return open_page


def fit_check_answered(page, site, language):
    """Every question of the measure's fit check answered, budget and staff chosen."""
    page.goto(f"{site}/{language}/measures/{MEASURE}/")
    for question in page.locator("fieldset.fit__question").all():
        question.locator("input[type=radio]").last.check()
    page.locator("#fit-budget").select_option(index=1)
    page.locator("#fit-staff").select_option(index=2)
    with page.expect_navigation():
        page.locator("form.fit__form button[type=submit]").click()
    assert "/fit/?" in page.url


def fit_check_kept(page, site, language):
    """The answered fit check kept in the dossier: back on the answer, the line saying so."""
    fit_check_answered(page, site, language)
    with page.expect_navigation():
        page.locator(".fit-result__actions form.dossier-add button").click()
    assert "#in-dossier-" in page.url


def dossier_of_two(then=""):
    """A measure with its fit check kept and one with German texts and a link, in the dossier
    (or its print view)."""

    def collect(page, site, language):
        fit_check_kept(page, site, language)
        page.goto(f"{site}/{language}/measures/remote-home-care-unit/")
        with page.expect_navigation():
            page.locator("form.dossier-add button").first.click()
        address(f"/dossier/{then}")(page, site, language)
        assert page.locator(".dossier__item, .practice").count() == 2

    return collect


def exploration(filled):
    def send(page, site, language):
        address(f"/measures/{MEASURE}/explore/")(page, site, language)
        if filled:
            page.locator("#id_organisation").fill("Municipality of Lappeenranta")
            page.locator("#id_region_name").fill("South Karelia")
            page.locator("#id_country").select_option("FI")
            page.locator("#id_email").fill("digital@lappeenranta.example")
            page.locator("#id_public_body").check()
        with page.expect_navigation():
            page.locator("form.contact-form button[type=submit]").click()
        assert page.url.endswith("/explore/sent/") == filled, page.url

    return send


def contact(filled):
    def send(page, site, language):
        address(f"/measures/{MEASURE}/contact/")(page, site, language)
        if filled:
            page.locator("#id_name").fill("Anna Virtanen")
            page.locator("#id_email").fill("anna@example.org")
            page.locator("#id_message").fill("How many nurses does one service point need?")
        with page.expect_navigation():
            page.locator("form.contact-form button[type=submit]").click()
        assert page.url.endswith("/contact/sent/") == filled, page.url

    return send


def alert_refused(page, site, language):
    """The e-mail alert's form sent without an address: the form again, with its error."""
    address("/alerts/subscribe/?region=vorpommern-greifswald")(page, site, language)
    with page.expect_navigation():
        page.locator("form.alert-form button[type=submit]").click()


# Every public page that answers HTML, named as in tests/public_pages.py.
PAGES = {name: address(url.removeprefix("/en")) for name, url in HTML_PAGES.items()}
STATES = {
    "dossier with two measures": dossier_of_two(),
    "dossier print view with two measures": dossier_of_two("print/"),
    "fit check answered": fit_check_answered,
    "fit check kept in the dossier": fit_check_kept,
    "exploration sent": exploration(filled=True),
    "exploration refused": exploration(filled=False),
    "contact message sent": contact(filled=True),
    "contact message refused": contact(filled=False),
    "e-mail alert refused": alert_refused,
    # The fuller catalogue of tests/browser/catalogue.py.
    "list with filters": address("/measures/?region=paijat-hame&theme=e-health-care&page=1"),
    "list with a second page": address("/measures/?theme=e-health-care&page=2"),
    "search results": address("/measures/?q=care"),
    "detail with texts in German": address("/measures/remote-home-care-unit/"),
    "region with a description and a map": address("/regions/paijat-hame/"),
    "theme with a description": address("/themes/e-health-care/"),
    "partner with a description": address("/partners/paijat-hame-council/"),
    "comparison": address("/compare/?m=remote-home-care-unit&m=digital-skills-for-seniors"),
}
VISITS = {**PAGES, **STATES}


def check(page):
    found = axe_violations(page)
    assert found == {}, f"{page.url}\n{found}\n{describe(page)}"


@pytest.fixture
def catalogue(monkeypatch):
    # The contact form refuses a message sent within three seconds of opening it; a
    # browser driven by a test is that quick.
    monkeypatch.setattr("measures.visitors.contact.MIN_SECONDS", 0)
    public_catalogue()
    return build_catalogue()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(VISITS))
def test_public_page_has_no_axe_violations(desktop, live_server, catalogue, language, name):
    VISITS[name](desktop, live_server.url, language)

    check(desktop)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(VISITS))
def test_public_page_reflows_at_320_pixels_without_violations(
    browser, live_server, catalogue, language, name
):
    context = browser.new_context(viewport=REFLOW)
    page = context.new_page()
    try:
        VISITS[name](page, live_server.url, language)
        check(page)
        # The filter panel starts closed on a narrow screen; what it holds must fit too.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= REFLOW["width"], f"{page.url} is {overflow} px wide at 320 px"
    finally:
        context.close()


# The admin screens we customised: the index with the review summary, the change
# form with the workflow panel, the review queue, the history with its comparison
# form, the comparison of two versions and the "request changes" form.
ADMIN_PAGES = [
    ("index with review summary", "/admin/"),
    ("change form with workflow", "/admin/measures/measure/{submitted}/change/"),
    ("review queue", "/admin/measures/measure/review-queue/"),
    ("history", "/admin/measures/measure/{published}/history/"),
    (
        "compare versions",
        "/admin/measures/measure/{published}/history/compare/?old={old}&new={new}",
    ),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "path"), ADMIN_PAGES, ids=[name for name, _ in ADMIN_PAGES])
def test_customised_admin_screen_has_no_axe_violations(
    browser, live_server, catalogue, language, name, path
):
    page = sign_in_to_admin(browser, live_server, "conrad", PASSWORD, language)
    try:
        response = page.goto(live_server.url + path.format(**catalogue["admin_ids"]))
        assert response.status == 200, path
        check(page)
    finally:
        page.context.close()


def test_request_changes_form_has_no_axe_violations(browser, live_server, catalogue):
    page = sign_in_to_admin(browser, live_server, "conrad", PASSWORD, "de")
    try:
        page.goto(live_server.url + "/admin/measures/measure/?review=all")
        page.locator(f"input[name=_selected_action][value='{catalogue['submitted'].pk}']").check()
        page.locator("select[name=action]").select_option("request_changes_selected")
        page.locator("button[name=index]").click()
        page.wait_for_selector("#id_reason")
        found = axe_violations(page)
        assert found == {}, f"{found}\n{describe(page)}"
    finally:
        page.context.close()
