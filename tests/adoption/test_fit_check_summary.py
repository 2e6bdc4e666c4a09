"""The fit check's sentence: each number agrees with its own verb."""

import pytest

from measures.models import Measure
from measures.models.fit import FitCheck, answer_name
from tests.adoption.conftest import add_prerequisites
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    measure = MeasureFactory(title="Remote home care")
    add_prerequisites(
        measure,
        ("infrastructure", "Broadband in the clients' homes"),
        ("people", "Nurses trained for video visits"),
        ("money", "About €155,000 a year for devices"),
    )
    return Measure.objects.for_detail().get(pk=measure.pk)


@pytest.mark.parametrize(
    ("answers", "summary"),
    [
        (
            "{0}=yes&{1}=no&{2}=unknown",
            "1 of 3 prerequisites is in place; 1 would still be needed and 1 is not known yet.",
        ),
        (
            "{0}=yes&{1}=yes",
            "2 of 3 prerequisites are in place; 0 would still be needed and 1 is not known yet.",
        ),
        (
            "{0}=no",
            "0 of 3 prerequisites are in place; 1 would still be needed and 2 are not known yet.",
        ),
    ],
)
def test_the_summary_agrees_with_each_number(measure, answers, summary):
    questions = [answer_name(prerequisite) for prerequisite in measure.prerequisites.all()]

    check = FitCheck.from_query(measure, answers.format(*questions))

    assert str(check.summary()) == summary
