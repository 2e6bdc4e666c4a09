"""The statistics and the transfers page name each landmark differently, the table of
solutions taken up included, once it has rows (axe's rule "landmark-unique")."""

import pytest

from measures.models import Exploration
from tests.factories import MeasureFactory, RegionFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def explored():
    measure = MeasureFactory(title="Remote home care")
    Exploration.objects.create(
        measure=measure,
        organisation="Municipality of Lappeenranta",
        region=RegionFactory(name="South Karelia", slug="south-karelia", country="FI"),
        country="FI",
        email="digital@lappeenranta.example",
        status=Exploration.Status.PUBLISHED,
    )
    return measure


def landmark_names(page):
    """The id naming each region landmark: a section or an element of role region."""
    return [
        element.attrs["aria-labelledby"]
        for element in page.iter()
        if (element.tag == "section" or element.attrs.get("role") == "region")
        and element.attrs.get("aria-labelledby")
    ]


@pytest.mark.parametrize("path", ["/en/statistics/", "/en/transfers/"])
def test_every_landmark_has_a_name_of_its_own(client, explored, path):
    page = parse(client.get(path))

    assert page.find("table", cls="uptake__table") is not None
    names = landmark_names(page)
    assert "uptake-caption" in names
    assert len(names) == len(set(names))
