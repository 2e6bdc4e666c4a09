"""The site's icon: at /favicon.ico, where browsers and link checkers look first, and linked
from every page beside its SVG drawing."""

import io

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_an_icon_in_the_usual_sizes(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= set(icon.info["sizes"])


@pytest.mark.parametrize("url", ["/en/", "/de/measures/", "/en/no-such-page/"])
def test_every_page_links_the_icon_and_its_drawing(client, url):
    html = client.get(url).content.decode()

    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
