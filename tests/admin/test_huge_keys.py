"""A number too large for the database, posted as a region, theme or target group, is a form error.

SQLite cannot even compare a column with a number beyond 64 bits; such a value
made the measure form a server error instead of telling what was wrong.
"""

import pytest

from measures.models import Measure
from tests.staff import change_form_data, change_url

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    ("field", "posted"),
    [("region", HUGE), ("categories", [HUGE]), ("target_groups", [HUGE])],
)
def test_a_number_too_large_for_the_database_is_an_invalid_choice(
    client, editor, make_measure, field, posted
):
    measure = make_measure("a", Measure.Status.DRAFT)
    title = measure.title
    client.force_login(editor)

    response = client.post(change_url(measure), change_form_data(measure, **{field: posted}))

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors[field]
    assert error.startswith("Select a valid choice.")
    measure.refresh_from_db()
    assert measure.title == title
    assert measure.version == 1


def test_a_number_too_large_among_valid_themes_is_refused_too(client, editor, make_measure):
    measure = make_measure("a", Measure.Status.DRAFT)
    themes = [theme.pk for theme in measure.categories.all()]
    client.force_login(editor)

    response = client.post(
        change_url(measure), change_form_data(measure, categories=[*themes, HUGE])
    )

    assert response.status_code == 200
    assert "categories" in response.context["adminform"].form.errors
