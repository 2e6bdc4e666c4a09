"""axe-core finds nothing on the public pages, in English and German, nor on our admin screens.

axe-core (vendored by axe-playwright-python, nothing is fetched) checks what a
machine can check of WCAG 2.1 A and AA: names and labels, contrast, landmarks,
heading order, lang attributes, ARIA. Each page is checked at a desktop width
and at 320 CSS pixels, the width of a 1280-pixel window zoomed to 400 %, where
the page must also fit without sideways scrolling (WCAG 1.4.10, reflow).
"""

import pytest
from django.urls import Resolver404, resolve
from django.utils.translation import override

from tests.browser.catalogue import PASSWORD, build_catalogue, sign_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
REFLOW = {"width": 320, "height": 640}

# (name, address without the language prefix); the catalogue fixture makes every slug.
PUBLIC_PAGES = [
    ("home", "/"),
    ("list with filters", "/measures/?region=paijat-hame&theme=e-health-care&page=1"),
    ("search results", "/measures/?q=care"),
    ("detail", "/measures/remote-home-care-unit/"),
    ("region", "/regions/paijat-hame/"),
    ("theme", "/themes/e-health-care/"),
    ("partner", "/partners/paijat-hame-council/"),
    ("statistics", "/statistics/"),
    ("comparison", "/compare/?m=remote-home-care-unit&m=digital-skills-for-seniors"),
    ("accessibility statement", "/accessibility/"),
    ("about", "/about/"),
    ("legal notice", "/legal-notice/"),
    ("privacy notice", "/privacy/"),
    ("e-mail alert", "/alerts/subscribe/?region=paijat-hame"),
]
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


def skip_unless_routed(path):
    """Statistics and comparison are built alongside; check them once they exist."""
    try:
        with override("en"):
            resolve("/en" + path.split("?")[0])
    except Resolver404:
        pytest.skip(f"{path} is not part of the site yet")


def check(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    found = axe_violations(page)
    assert found == {}, f"{found}\n{describe(page)}"


@pytest.fixture
def catalogue():
    return build_catalogue()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[name for name, _ in PUBLIC_PAGES])
def test_public_page_has_no_axe_violations(desktop, live_server, catalogue, language, name, path):
    url = f"/{language}{path}"
    skip_unless_routed(path)

    check(desktop, live_server.url + url)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[name for name, _ in PUBLIC_PAGES])
def test_public_page_reflows_at_320_pixels_without_violations(
    browser, live_server, catalogue, language, name, path
):
    url = f"/{language}{path}"
    skip_unless_routed(path)
    context = browser.new_context(viewport=REFLOW)
    page = context.new_page()
    try:
        check(page, live_server.url + url)
        # The filter panel starts closed on a narrow screen; what it holds must fit too.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= REFLOW["width"], f"{url} is {overflow} px wide at 320 px"
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
        check(page, live_server.url + path.format(**catalogue["admin_ids"]))
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
