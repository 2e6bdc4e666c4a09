"""The measure's change form names each field with its own label and shows the summary whole."""

import pytest

from measures.models import Measure
from tests.html_tree import parse
from tests.staff import change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, coordinator, make_measure):
    measure = make_measure("a", Measure.Status.DRAFT)
    client.force_login(coordinator)
    return parse(client.get(change_url(measure)))


@pytest.mark.parametrize("field", ["kind", "condition", "reason", "position"])
def test_each_prerequisite_field_has_its_own_label(page, field):
    control = f"id_prerequisites-0-{field}"

    labels = page.find_all("label", **{"for": control})

    assert [label.text for label in labels if label.text]


def test_the_summary_is_a_box_of_a_few_lines_of_at_most_300_characters(page):
    summary = page.find("textarea", name="summary")

    assert summary.attrs["rows"] == "3"
    assert summary.attrs["maxlength"] == "300"
