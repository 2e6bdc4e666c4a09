"""An expert opinion in the admin: written, submitted, sent back, published, replied to once."""

import pytest
from django.core.management import CommandError, call_command

from measures.caching import content_version
from measures.models import ExpertOpinion, Measure
from measures.review.groups import EXPERTS
from tests.review.opinions import (
    OPINION_LIST,
    create_expert,
    make_opinion,
    opinion_fields,
    opinion_url,
)
from tests.staff import form_errors, messages_of

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status


@pytest.fixture
def expert():
    return create_expert("maria")


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


def test_create_staff_user_makes_an_expert_of_no_partner(expert):
    assert expert.is_staff
    assert list(expert.groups.values_list("name", flat=True)) == [EXPERTS]
    assert not expert.memberships.exists()


def test_create_staff_user_refuses_an_editor_without_partner():
    with pytest.raises(CommandError, match="needs --partner"):
        call_command("create_staff_user", "anna", email="anna@example.org", no_input=True)


def test_expert_writes_a_draft_and_submits_it(client, expert, measure):
    client.force_login(expert)

    client.post(f"{OPINION_LIST}add/", {**opinion_fields(), "measure": measure.pk})
    opinion = ExpertOpinion.objects.get()
    client.post(opinion_url(opinion), {**opinion_fields(), "move_to": Status.SUBMITTED})

    opinion.refresh_from_db()
    assert opinion.expert == expert
    assert opinion.status == Status.SUBMITTED
    assert opinion.submitted_at is not None


def test_expert_writes_one_opinion_per_measure(client, expert, measure):
    make_opinion(measure, expert)
    client.force_login(expert)

    response = client.post(f"{OPINION_LIST}add/", {**opinion_fields(), "measure": measure.pk})

    assert response.status_code == 200
    assert "already written an opinion" in response.content.decode()
    assert ExpertOpinion.objects.count() == 1


def test_a_rating_outside_one_to_five_is_refused(client, expert, measure):
    client.force_login(expert)

    response = client.post(
        f"{OPINION_LIST}add/", {**opinion_fields(novelty=6), "measure": measure.pk}
    )

    assert response.status_code == 200
    assert not ExpertOpinion.objects.exists()


def test_coordinator_must_say_what_should_change(client, coordinator, expert, measure):
    opinion = make_opinion(measure, expert, status=Status.SUBMITTED)
    client.force_login(coordinator)

    response = client.post(opinion_url(opinion), {"move_to": Status.CHANGES_REQUESTED})

    opinion.refresh_from_db()
    assert response.status_code == 200
    assert opinion.status == Status.SUBMITTED


def test_coordinator_publishes_and_the_expert_can_no_longer_edit(
    client, coordinator, expert, measure
):
    opinion = make_opinion(measure, expert, status=Status.SUBMITTED)
    client.force_login(coordinator)
    client.post(opinion_url(opinion), {"move_to": Status.PUBLISHED})
    client.force_login(expert)

    client.post(opinion_url(opinion), opinion_fields(text="Changed after publication."))

    opinion.refresh_from_db()
    assert opinion.status == Status.PUBLISHED
    assert opinion.published_at is not None
    assert opinion.decided_by == coordinator
    assert opinion.text != "Changed after publication."


def test_sent_back_opinion_carries_the_coordinators_comment(client, coordinator, expert, measure):
    opinion = make_opinion(measure, expert, status=Status.SUBMITTED)
    client.force_login(coordinator)

    client.post(
        opinion_url(opinion),
        {"move_to": Status.CHANGES_REQUESTED, "comment": "Name the source of the figures."},
    )

    opinion.refresh_from_db()
    assert opinion.status == Status.CHANGES_REQUESTED
    assert opinion.review_comment == "Name the source of the figures."


def test_editor_replies_only_once(client, editor, colleague, expert, measure):
    opinion = make_opinion(measure, expert, status=Status.PUBLISHED)
    client.force_login(editor)

    client.post(opinion_url(opinion), {"reply": "We now publish a comparison group."})
    client.force_login(colleague)
    second = client.post(opinion_url(opinion), {"reply": "A second answer."})

    opinion.refresh_from_db()
    assert opinion.reply == "We now publish a comparison group."
    assert opinion.replied_by == editor
    assert second.status_code == 302


def test_a_reply_sent_again_from_a_second_tab_is_told_and_kept_in_the_message(
    client, editor, expert, measure
):
    opinion = make_opinion(measure, expert, status=Status.PUBLISHED)
    client.force_login(editor)
    client.post(opinion_url(opinion), {"reply": "We now publish a comparison group."})

    second = client.post(opinion_url(opinion), {"reply": "A second answer."})

    assert second.status_code == 302
    assert second["Location"] == opinion_url(opinion)
    [message] = messages_of(second, "warning")
    assert "already replied" in message
    assert "A second answer." in message
    page = client.get(second["Location"])
    assert page.status_code == 200
    assert "We now publish a comparison group." in page.content.decode()


def test_an_expert_who_saves_an_opinion_already_submitted_is_told_nothing_was_saved(
    client, expert, measure
):
    opinion = make_opinion(measure, expert, status=Status.DRAFT)
    client.force_login(expert)
    # Submitted from one tab, then saved from another that still shows the draft.
    client.post(opinion_url(opinion), {**opinion_fields(), "move_to": Status.SUBMITTED})

    second = client.post(opinion_url(opinion), opinion_fields(text="Changed in a second tab."))

    opinion.refresh_from_db()
    assert second.status_code == 302
    assert second["Location"] == opinion_url(opinion)
    [message] = messages_of(second, "warning")
    assert "already submitted" in message
    assert "not saved" in message
    assert opinion.text != "Changed in a second tab."
    assert opinion.status == Status.SUBMITTED


def test_a_stranger_still_gets_no_answer_about_an_opinion(client, other_editor, expert, measure):
    opinion = make_opinion(measure, expert, status=Status.PUBLISHED)
    client.force_login(other_editor)

    response = client.post(opinion_url(opinion), {"reply": "Not ours to answer."})

    opinion.refresh_from_db()
    assert opinion.reply == ""
    assert not any("replied" in message for message in messages_of(response))
    assert response.status_code == 302
    assert "/admin/" in response["Location"]
    assert opinion_url(opinion) not in response["Location"]


@pytest.mark.parametrize("blank", ["", "   ", "\n\t "])
def test_a_blank_reply_is_refused_with_a_form_error(client, editor, expert, measure, blank):
    opinion = make_opinion(measure, expert, status=Status.SUBMITTED)
    client.force_login(editor)

    response = client.post(opinion_url(opinion), {"reply": blank})

    opinion.refresh_from_db()
    assert response.status_code == 200
    assert "reply" in form_errors(response)
    assert not messages_of(response, "success")
    assert opinion.reply == ""
    assert opinion.replied_at is None


def test_publishing_an_opinion_changes_the_content_version(client, coordinator, expert, measure):
    opinion = make_opinion(measure, expert, status=Status.SUBMITTED)
    before = content_version.current()
    client.force_login(coordinator)

    client.post(opinion_url(opinion), {"move_to": Status.PUBLISHED})

    # The move is an UPDATE, which no model signal reports: the cached pages must still go.
    assert content_version.current() != before


def test_a_reply_changes_the_content_version(client, editor, expert, measure):
    opinion = make_opinion(measure, expert, status=Status.PUBLISHED)
    before = content_version.current()
    client.force_login(editor)

    client.post(opinion_url(opinion), {"reply": "We now publish a comparison group."})

    assert content_version.current() != before
