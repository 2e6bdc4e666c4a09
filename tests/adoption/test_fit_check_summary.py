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
            "This measure has 3 prerequisites. 1 is in place. 1 would still be needed. "
            "1 is not known yet.",
        ),
        (
            "{0}=yes&{1}=yes",
            "This measure has 3 prerequisites. 2 are in place. 1 is not known yet.",
        ),
        (
            "{0}=no",
            "This measure has 3 prerequisites. 1 would still be needed. 2 are not known yet.",
        ),
        (
            "{0}=yes&{1}=partly&{2}=no",
            "This measure has 3 prerequisites. 1 is in place. 2 would still be needed.",
        ),
    ],
)
def test_the_summary_agrees_with_each_number_and_leaves_out_the_zeros(measure, answers, summary):
    questions = [answer_name(prerequisite) for prerequisite in measure.prerequisites.all()]

    check = FitCheck.from_query(measure, answers.format(*questions))

    assert str(check.summary()) == summary


def test_the_summary_names_a_budget_or_staff_that_falls_short(measure):
    measure.budget_band, measure.staff_effort = "50k-250k", "small-team"
    questions = [answer_name(prerequisite) for prerequisite in measure.prerequisites.all()]
    answers = "&".join(f"{name}=yes" for name in questions)

    check = FitCheck.from_query(measure, f"{answers}&budget=over-1m&staff=part-of-one-person")

    assert check.summary() == (
        "This measure has 3 prerequisites. 3 are in place. It takes more staff than you have."
    )
    check = FitCheck.from_query(measure, f"{answers}&budget=over-1m&staff=large-team")
    assert check.summary() == "Everything this measure needs seems to be in place in your region."


def test_the_printed_lines_say_what_it_takes_what_you_have_and_whether_it_is_enough(measure):
    measure.budget_band, measure.staff_effort = "50k-250k", "small-team"

    check = FitCheck.from_query(measure, "budget=under-50k&staff=large-team")

    assert check.lines()[-1] == (
        "Budget and staff",
        [
            "Budget – this measure needs: €50,000 to €250,000; you have: Under €50,000. "
            "That is less than it takes.",
            "Staff – this measure needs: A small team (2 to 5 people); you have: A larger team "
            "(more than 5 people). That is enough.",
        ],
    )
