"""In Chromium, a measure page's JSON-LD is read as data: the Content-Security-Policy,
which allows no inline script, neither blocks nor reports it, and its text cannot
run as script."""

import json

import pytest

from tests.factories import MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "</script><script>window.injected = true</script>"


def test_json_ld_is_read_and_nothing_is_refused_or_run(desktop, live_server):
    measure = MeasureFactory(title=TITLE)
    refusals = []
    desktop.on(
        "console",
        lambda message: (
            refusals.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )

    response = desktop.goto(f"{live_server.url}/en/measures/{measure.slug}/")
    desktop.wait_for_load_state("networkidle")

    assert "script-src" in response.headers["content-security-policy"]
    text = desktop.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(text)["name"] == TITLE
    assert desktop.evaluate("window.injected === undefined")
    assert refusals == []
