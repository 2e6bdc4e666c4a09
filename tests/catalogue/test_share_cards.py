"""Link previews' pictures (og:image): a card per measure, one for the site, kept until a change."""

import io

import pytest
from PIL import Image

from measures.catalogue import share_cards
from tests.factories import CategoryFactory, MeasureFactory, RegionFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    region = RegionFactory(name="Podlaskie", slug="podlaskie", country="PL")
    return MeasureFactory(
        title="Digital Podlaskie skills courses",
        slug="digital-podlaskie",
        region=region,
        categories=[CategoryFactory(name="Digital skills", slug="digital-skills")],
    )


def png_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Image.open(io.BytesIO(body))


def og_meta(html):
    page = parse(html)
    return {
        meta.attrs["property"]: meta.attrs["content"]
        for meta in page.find_all("meta")
        if meta.attrs.get("property", "").startswith("og:image")
    }


def test_measure_card_is_a_png_of_the_size_the_page_states(client, measure):
    meta = og_meta(client.get("/en/measures/digital-podlaskie/"))

    assert meta["og:image"] == "http://testserver/en/measures/digital-podlaskie/og-image.png"
    response = client.get("/en/measures/digital-podlaskie/og-image.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = png_of(response)
    assert image.format == "PNG"
    assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
    assert meta["og:image:type"] == "image/png"


def test_measure_card_has_an_alt_text_naming_title_and_region(client, measure):
    meta = og_meta(client.get("/en/measures/digital-podlaskie/"))

    assert meta["og:image:alt"] == (
        "“Digital Podlaskie skills courses”, a measure from Podlaskie, in the Next2Met catalogue"
    )


def test_pages_without_a_card_of_their_own_name_the_sites_card(client, measure):
    for url in ["/en/", "/en/measures/", "/en/about/", "/en/regions/podlaskie/"]:
        meta = og_meta(client.get(url))
        assert meta["og:image"] == "http://testserver/en/og-image.png", url
        assert meta["og:image:alt"]

    image = png_of(client.get("/en/og-image.png"))
    assert image.size == (share_cards.WIDTH, share_cards.HEIGHT)


def test_card_is_made_once_and_kept_until_the_catalogue_changes(
    client, measure, monkeypatch, django_assert_num_queries
):
    made = []
    draw = share_cards.measure_card
    monkeypatch.setattr(share_cards, "measure_card", lambda m: made.append(m.pk) or draw(m))
    url = "/en/measures/digital-podlaskie/og-image.png"

    first = png_of(client.get(url))
    with django_assert_num_queries(0):
        kept = png_of(client.get(url))
    assert made == [measure.pk]
    assert kept.tobytes() == first.tobytes()

    measure.title = "Digital Podlaskie courses for adults"
    measure.save()
    client.get(url)
    assert made == [measure.pk, measure.pk]


def test_card_is_drawn_in_the_pages_language(client, measure):
    english = png_of(client.get("/en/og-image.png")).tobytes()
    german = png_of(client.get("/de/og-image.png")).tobytes()

    assert english != german


@pytest.mark.parametrize("state", ["draft", "submitted", "archived"])
def test_unpublished_measure_has_no_card(client, measure, state):
    measure.status = state
    measure.save()

    assert client.get("/en/measures/digital-podlaskie/og-image.png").status_code == 404


def test_a_title_too_long_for_three_lines_ends_with_an_ellipsis():
    image = Image.new("RGB", (10, 10))
    draw = share_cards.ImageDraw.Draw(image)
    face, lines = share_cards._title_lines(draw, "word " * 80, 1000)

    assert len(lines) == share_cards.TITLE_MAX_LINES
    assert lines[-1].endswith("…")
    assert all(draw.textlength(line, font=face) <= 1000 for line in lines)
