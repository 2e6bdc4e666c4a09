"""The home page's figures and tiles: published measures, regions, themes and partners."""

import pytest

from measures.models import Measure
from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(region, theme):
    other = RegionFactory(name="Podlaskie", slug="podlaskie", country="PL")
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    MeasureFactory(region=region, categories=[theme])
    MeasureFactory(region=region, categories=[theme, skills])
    MeasureFactory(region=other, categories=[skills])
    for state in (Measure.Status.DRAFT, Measure.Status.ARCHIVED):
        MeasureFactory(region=other, categories=[theme], status=state, published_at=None)
    return region, other, theme, skills


def figures(client):
    context = client.get("/en/").context
    return (
        context["measure_count"],
        {region.slug: region.published_count for region in context["regions"]},
        {theme.slug: theme.published_count for theme in context["themes"]},
    )


def test_the_home_page_counts_published_measures_only(client, catalogue):
    assert figures(client) == (
        3,
        {"paijat-hame": 2, "podlaskie": 1},
        {"e-health-care": 2, "digital-skills": 2},
    )


def test_a_region_without_published_measures_has_a_tile_counting_none(client, catalogue):
    RegionFactory(name="Lower Austria", slug="lower-austria", country="AT")

    context = client.get("/en/").context
    assert {region.slug: region.published_count for region in context["regions"]} == {
        "lower-austria": 0,
        "paijat-hame": 2,
        "podlaskie": 1,
    }
    assert context["countries"] == 3


def test_a_partner_that_left_is_not_counted(client, catalogue):
    PartnerFactory(name="Former partner", slug="former", is_active=False)

    assert client.get("/en/").context["partner_count"] == 2


def test_the_figures_follow_a_publication_at_once(client, catalogue):
    _, other, theme, _ = catalogue
    figures(client)

    MeasureFactory(region=other, categories=[theme])

    assert figures(client) == (
        4,
        {"paijat-hame": 2, "podlaskie": 2},
        {"e-health-care": 3, "digital-skills": 2},
    )
