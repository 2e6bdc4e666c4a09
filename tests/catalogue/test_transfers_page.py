"""The transfers page: every public link between regions, grouped from region to region."""

import re

import pytest

from measures.models import Measure
from tests.conftest import UNPUBLISHED_STATES
from tests.factories import LineageFactory, MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/en/transfers/"


def group_headings(html):
    """The text of each group's heading, tags and spaces collapsed."""
    headings = re.findall(r'<h2 id="transfer-group-\d+-heading"[^>]*>(.*?)</h2>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", heading).split()) for heading in headings]


@pytest.fixture
def diba_transfer(podlaskie):
    """A second transfer: from the province of Barcelona to Lower Austria, adapted."""
    barcelona = RegionFactory(name="Province of Barcelona", slug="barcelona", country="ES")
    lower_austria = RegionFactory(name="Lower Austria", slug="lower-austria", country="AT")
    return LineageFactory(
        measure=MeasureFactory(title="Municipal IoT pilot", region=lower_austria),
        origin=MeasureFactory(title="Smart region platform", region=barcelona),
        kind="adapted",
        changes="A pilot with two municipalities first.",
        outcome="Water data measured automatically.",
    )


@pytest.fixture
def outside_transfer(criterion):
    return LineageFactory(
        measure=criterion,
        origin=None,
        origin_name="Sentilo sensor platform",
        origin_place="Barcelona (city), Spain",
        kind="adapted",
    )


@pytest.mark.usefixtures("transfer", "diba_transfer", "outside_transfer")
def test_transfers_page_lists_every_link_from_region_to_region(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Transfers between regions</h1>" in html
    # Between regions of the catalogue by the origin's region, then those from outside.
    assert group_headings(html) == [
        "Eastern and Midland Region → to Podlaskie Voivodeship",
        "Province of Barcelona → to Lower Austria",
        "Outside the catalogue → to Podlaskie Voivodeship",
    ]
    for text in [
        "Selection criterion for online consultation",
        "Digital consultations for local strategies",
        "Inspired by",
        "A criterion in a call instead of a consultation of one council.",
        "Presented to about 80 applicants.",
        "Municipal IoT pilot",
        "Smart region platform",
        "Adapted from",
        "A pilot with two municipalities first.",
        "Water data measured automatically.",
        "Sentilo sensor platform",
        "Barcelona (city), Spain",
    ]:
        assert text in html
    assert "3 transfers, at a glance" in html


@pytest.mark.usefixtures("transfer")
def test_overview_table_has_a_caption_and_scoped_headers(client):
    html = client.get(URL).content.decode()

    table = html[html.index('<table class="transfers-table">') : html.index("</table>")]
    assert "<caption" in table
    assert re.findall(r'<th scope="col">([^<]*)</th>', table) == ["From", "To", "Measures"]
    assert '<th scope="row">' in table


@pytest.mark.parametrize("state", UNPUBLISHED_STATES)
@pytest.mark.parametrize("side", ["measure", "origin"])
def test_a_link_with_an_unpublished_end_is_left_out(client, transfer, diba_transfer, state, side):
    hidden = getattr(transfer, side)
    Measure.objects.filter(pk=hidden.pk).update(status=state)

    html = client.get(URL).content.decode()

    assert hidden.title not in html
    assert hidden.slug not in html
    assert "Municipal IoT pilot" in html
    assert "1 transfer, at a glance" in html


def test_without_transfers_the_page_says_so(client, consultations):
    html = client.get(URL).content.decode()

    assert "No transfers recorded yet" in html
    assert "transfers-table" not in html


def test_the_transfers_page_is_linked_from_the_navigation_and_the_footer(client, consultations):
    html = client.get("/en/").content.decode()

    assert html.count('href="/en/transfers/"') == 2


def test_the_page_is_marked_current_in_the_navigation(client):
    html = client.get(URL).content.decode()

    assert '<a href="/en/transfers/" aria-current="page">Transfers</a>' in html


def test_the_transfers_page_speaks_the_visitors_language(client, transfer):
    response = client.get("/de/transfers/")

    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
    assert 'href="/de/measures/consultation-criterion/"' in response.content.decode()
