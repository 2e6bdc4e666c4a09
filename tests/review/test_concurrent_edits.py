"""Two people editing one measure: the second save is refused instead of overwriting the first."""

import re

import pytest
from django.test import Client

from measures.models import Measure
from measures.review import workflow
from tests.staff import change_form_data, change_url, form_errors

pytestmark = pytest.mark.django_db

Status = Measure.Status
STALE = "Someone else saved this measure while you were editing it"


def open_form(user, measure):
    """A browser of `user` with the change form loaded; returns (client, posted values)."""
    browser = Client()
    browser.force_login(user)
    html = browser.get(change_url(measure)).content.decode()
    loaded = re.search(r'<input type="hidden" name="loaded_version" value="(\d+)"', html)
    assert loaded, "the change form carries the version it was loaded at"
    return browser, change_form_data(measure, loaded_version=loaded.group(1))


def test_second_of_two_editors_saving_is_refused_and_the_first_text_kept(
    editor, colleague, make_measure
):
    measure = make_measure(status=Status.DRAFT)
    first, first_form = open_form(editor, measure)
    second, second_form = open_form(colleague, measure)

    saved = first.post(change_url(measure), {**first_form, "summary": "Erika's summary."})
    refused = second.post(change_url(measure), {**second_form, "summary": "Carl's summary."})

    assert saved.status_code == 302, form_errors(saved)
    assert refused.status_code == 200
    assert STALE in refused.content.decode()
    measure.refresh_from_db()
    assert measure.summary == "Erika's summary."


def test_after_reloading_the_second_editor_can_save(editor, colleague, make_measure):
    measure = make_measure(status=Status.DRAFT)
    first, first_form = open_form(editor, measure)
    second, _stale_form = open_form(colleague, measure)
    first.post(change_url(measure), {**first_form, "summary": "Erika's summary."})

    _reloaded, fresh_form = open_form(colleague, Measure.objects.get(pk=measure.pk))
    response = second.post(change_url(measure), {**fresh_form, "funding": "ERDF"})

    assert response.status_code == 302, form_errors(response)
    measure.refresh_from_db()
    assert (measure.summary, measure.funding) == ("Erika's summary.", "ERDF")


def test_editors_stale_save_after_a_coordinators_save_is_refused(editor, coordinator, make_measure):
    measure = make_measure(status=Status.CHANGES_REQUESTED)
    editors, editors_form = open_form(editor, measure)
    coordinators, coordinators_form = open_form(coordinator, measure)

    coordinators.post(change_url(measure), {**coordinators_form, "summary": "Cora's fix."})
    refused = editors.post(change_url(measure), {**editors_form, "summary": "Erika's fix."})

    assert STALE in refused.content.decode()
    measure.refresh_from_db()
    assert measure.summary == "Cora's fix."


def test_a_move_to_another_state_makes_an_open_form_stale(coordinator, superuser, make_measure):
    measure = make_measure(status=Status.SUBMITTED)
    browser, form = open_form(coordinator, measure)

    workflow.transition(measure, Status.CHANGES_REQUESTED, superuser, "Add figures.")
    refused = browser.post(change_url(measure), {**form, "summary": "Edited during review."})

    assert STALE in refused.content.decode()
    measure.refresh_from_db()
    assert measure.summary != "Edited during review."


def test_stale_proposal_for_a_published_measure_is_refused(editor, coordinator, make_measure):
    measure = make_measure(status=Status.PUBLISHED)
    editors, editors_form = open_form(editor, measure)
    coordinators, coordinators_form = open_form(coordinator, measure)

    coordinators.post(change_url(measure), {**coordinators_form, "summary": "Cora's summary."})
    refused = editors.post(change_url(measure), {**editors_form, "summary": "Erika's summary."})

    assert STALE in refused.content.decode()
    assert not measure.revisions.exists()
    measure.refresh_from_db()
    assert measure.summary == "Cora's summary."


def test_a_form_posted_without_its_version_is_refused(client, editor, make_measure):
    measure = make_measure(status=Status.DRAFT)
    client.force_login(editor)
    data = change_form_data(measure, summary="No version.")
    del data["loaded_version"]

    response = client.post(change_url(measure), data)

    assert response.status_code == 200
    assert "loaded_version" in form_errors(response)
    measure.refresh_from_db()
    assert measure.summary != "No version."
