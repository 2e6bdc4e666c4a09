"""Whatever a signed-in editor posts into the measure admin, the answer is a form error or a 4xx.

Hypothesis replaces any of the fields the change form really has (read from
the page, the inlines' management forms included) with odd values: empty,
huge numbers, negative form counts, NUL bytes, long text, lists where one value
is expected, ids of nothing. Each example runs in a transaction that is rolled
back, so every example starts from the same draft.
"""

import re

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from measures.models import Measure, MeasureTransition
from tests.reliability.strategies import values
from tests.staff import (
    add_form_data,
    change_form_data,
    change_url,
    messages_of,
    transition_url,
)

pytestmark = pytest.mark.django_db

CLEAR_ANSWERS = {200, 302, 400, 403, 404}
BUTTONS = [None, "_save", "_continue", "_addanother", "_submit_for_review"]
ADD_URL = "/admin/measures/measure/add/"

posted_value = st.one_of(values, st.lists(values, max_size=3))


def form_field_names(html):
    """Every name the page's form sends, including the inlines' management forms."""
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html))
    return sorted(names - {"csrfmiddlewaretoken"})


def post_and_roll_back(client, url, data):
    with transaction.atomic():
        response = client.post(url, data)
        transaction.set_rollback(True)
    return response


@pytest.fixture
def change_fields(editor_client, draft):
    names = form_field_names(editor_client.get(change_url(draft)).content.decode())
    # The form really has the fields and inlines this test means to disturb.
    assert {"title", "categories", "loaded_version", "links-TOTAL_FORMS", "links-0-url"} <= set(
        names
    )
    return names


@given(data=st.data(), button=st.sampled_from(BUTTONS))
def test_the_change_form_answers_any_posted_values_clearly(
    editor_client, draft, change_fields, data, button
):
    changes = data.draw(st.dictionaries(st.sampled_from(change_fields), posted_value, max_size=8))
    posted = {**change_form_data(draft), **changes}
    if button:
        posted[button] = "1"

    response = post_and_roll_back(editor_client, change_url(draft), posted)

    assert response.status_code in CLEAR_ANSWERS, response.status_code


@given(data=st.data(), button=st.sampled_from(BUTTONS))
def test_the_add_form_answers_any_posted_values_clearly(
    editor_client, draft, own_partner, change_fields, data, button
):
    changes = data.draw(st.dictionaries(st.sampled_from(change_fields), posted_value, max_size=8))
    posted = {
        **add_form_data(draft.region, own_partner, draft.categories.all()),
        **changes,
    }
    if button:
        posted[button] = "1"

    response = post_and_roll_back(editor_client, ADD_URL, posted)

    assert response.status_code in CLEAR_ANSWERS, response.status_code


@given(
    to_status=st.one_of(st.sampled_from(Measure.Status.values), values),
    comment=st.one_of(values, st.lists(values, max_size=2)),
)
def test_the_transition_view_answers_any_posted_values_clearly(
    editor_client, draft, to_status, comment
):
    before = MeasureTransition.objects.count()

    response = post_and_roll_back(
        editor_client, transition_url(draft), {"to_status": to_status, "comment": comment}
    )

    assert response.status_code in CLEAR_ANSWERS, response.status_code
    assert MeasureTransition.objects.count() == before


def test_the_fuzzed_change_form_can_still_save(editor_client, draft):
    # The unchanged form saves: the examples above start from a valid post.
    response = post_and_roll_back(editor_client, change_url(draft), change_form_data(draft))

    assert response.status_code == 302


# Answers the examples above once found to be 500s, pinned by hand.


def test_text_in_an_autocomplete_field_gets_a_form_error(editor_client, draft, own_partner):
    posted = {
        **add_form_data(draft.region, own_partner, draft.categories.all()),
        "target_groups": " ",
    }

    response = post_and_roll_back(editor_client, ADD_URL, posted)

    assert response.status_code == 200
    assert "target_groups" in response.context["adminform"].form.errors


def test_a_stored_link_posted_again_as_a_new_row_gets_a_form_error(editor_client, draft):
    posted = {**change_form_data(draft), "links-INITIAL_FORMS": "0"}

    response = post_and_roll_back(editor_client, change_url(draft), posted)

    assert response.status_code == 200
    links = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "links"
    )
    assert links.forms[0].non_field_errors() == [
        "Further link with this Measure and Address already exists."
    ]
    assert draft.links.count() == 1


def test_a_review_comment_with_a_nul_character_gets_a_message(editor_client, draft):
    response = editor_client.post(
        transition_url(draft), {"to_status": "submitted", "comment": "Ready\x00"}
    )

    assert response.status_code == 302
    assert messages_of(response, "error") == ["Null characters are not allowed."]
    draft.refresh_from_db()
    assert draft.status == Measure.Status.DRAFT
    assert not MeasureTransition.objects.filter(measure=draft).exists()
