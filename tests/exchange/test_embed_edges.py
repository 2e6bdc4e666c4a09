"""The card and its oEmbed answer at their edges: a measure gone, a format written
otherwise, a frame smaller than the card."""

import pytest

from measures.models import Measure

pytestmark = pytest.mark.django_db

PAGE = "http://testserver/en/measures/remote-home-care-unit/"


@pytest.mark.parametrize("archived", [True, False])
def test_the_card_of_a_measure_gone_is_a_framable_card_saying_so(
    client, published_measure, archived
):
    if archived:
        Measure.objects.filter(pk=published_measure.pk).update(status=Measure.Status.ARCHIVED)
        url = f"/en/measures/{published_measure.slug}/embed/"
    else:
        url = "/en/measures/no-such-measure/embed/"

    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert "This measure is no longer available" in html
    assert published_measure.title not in html
    assert published_measure.summary not in html
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert len(response.content) < 10 * 1024


@pytest.mark.parametrize("fmt", ["", "JSON", "Json"])
def test_oembed_reads_an_empty_or_capitalised_format_as_json(client, published_measure, fmt):
    response = client.get(f"/api/oembed/?url={PAGE}&format={fmt}")

    assert response.status_code == 200
    assert response.json()["type"] == "rich"


@pytest.mark.parametrize("size", ["maxwidth=100", "maxheight=50", "maxwidth=239&maxheight=900"])
def test_oembed_has_no_answer_for_a_frame_smaller_than_the_card_can_fit(
    client, published_measure, size
):
    response = client.get(f"/api/oembed/?url={PAGE}&{size}")

    assert response.status_code == 404
    assert "240 × 200" in response.json()["detail"]


def test_oembed_fits_the_card_into_the_smallest_frame_it_fits(client, published_measure):
    data = client.get(f"/api/oembed/?url={PAGE}&maxwidth=240&maxheight=200").json()

    assert (data["width"], data["height"]) == (240, 200)
