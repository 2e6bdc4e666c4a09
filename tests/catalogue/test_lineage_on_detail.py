"""Both measures of a transfer show the link, and only between published measures."""

import pytest

from measures.models import Measure
from tests.conftest import UNPUBLISHED_STATES
from tests.factories import LineageFactory, MeasureFactory, UserFactory

pytestmark = pytest.mark.django_db


def lineage_section(html):
    start = html.index('<section class="prose lineage"')
    return html[start : html.index("</section>", start)]


@pytest.mark.usefixtures("transfer")
def test_adapted_measure_shows_where_it_came_from(client):
    html = client.get("/en/measures/consultation-criterion/").content.decode()

    section = lineage_section(html)
    assert "Transfer between regions" in section
    assert '<p class="lineage__kind">Inspired by</p>' in section
    assert (
        '<a href="/en/measures/digital-consultations/">'
        "Digital consultations for local strategies</a>" in section
    )
    assert "Eastern and Midland Region</span>, Ireland" in section
    assert "A criterion in a call instead of a consultation of one council." in section
    assert "Presented to about 80 applicants." in section
    assert '<a href="/en/transfers/">All transfers between regions</a>' in section


@pytest.mark.usefixtures("transfer")
def test_origin_shows_where_it_was_taken_up(client):
    html = client.get("/en/measures/digital-consultations/").content.decode()

    section = lineage_section(html)
    assert '<p class="lineage__kind">Inspired a measure in</p>' in section
    assert (
        '<a href="/en/measures/consultation-criterion/">'
        "Selection criterion for online consultation</a>" in section
    )
    assert "Podlaskie Voivodeship</span>, Poland" in section


def test_adapted_from_reads_adapted_in_on_the_origin(client, transfer):
    transfer.kind = "adapted"
    transfer.save()

    adapted = client.get("/en/measures/consultation-criterion/").content.decode()
    origin = client.get("/en/measures/digital-consultations/").content.decode()

    assert '<p class="lineage__kind">Adapted from</p>' in adapted
    assert '<p class="lineage__kind">Adapted in</p>' in origin


@pytest.mark.parametrize("state", UNPUBLISHED_STATES)
def test_an_unpublished_origin_is_not_revealed(client, transfer, consultations, state):
    Measure.objects.filter(pk=consultations.pk).update(status=state)

    html = client.get("/en/measures/consultation-criterion/").content.decode()

    assert "Digital consultations for local strategies" not in html
    assert "digital-consultations" not in html
    assert "lineage" not in html


@pytest.mark.parametrize("state", UNPUBLISHED_STATES)
def test_an_unpublished_adaptation_is_not_revealed(client, transfer, criterion, state):
    Measure.objects.filter(pk=criterion.pk).update(status=state)

    html = client.get("/en/measures/digital-consultations/").content.decode()

    assert "Selection criterion for online consultation" not in html
    assert "consultation-criterion" not in html
    assert "lineage" not in html


def test_an_outside_origin_is_named_with_its_place_and_address(client, criterion):
    LineageFactory(
        measure=criterion,
        origin=None,
        origin_name="Digibale: tagged silage bales",
        origin_place="Häme, Finland",
        origin_url="https://example.org/digibale",
        kind="inspired",
    )

    section = lineage_section(client.get("/en/measures/consultation-criterion/").content.decode())

    assert '<a href="https://example.org/digibale" rel="noopener">' in section
    assert "Digibale: tagged silage bales" in section
    assert "Häme, Finland" in section
    assert "outside the catalogue" in section


def test_a_staff_preview_of_a_draft_shows_its_published_origin(client, consultations, podlaskie):
    draft = MeasureFactory(
        title="Draft adaptation", region=podlaskie, status=Measure.Status.DRAFT, published_at=None
    )
    LineageFactory(measure=draft, origin=consultations)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    html = client.get(f"/en/measures/{draft.slug}/").content.decode()

    assert "Preview" in html
    assert "Digital consultations for local strategies" in lineage_section(html)


def test_a_measure_without_lineage_has_no_transfer_section(client, consultations):
    html = client.get("/en/measures/digital-consultations/").content.decode()

    assert "Transfer between regions" not in html
