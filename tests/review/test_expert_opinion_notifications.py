"""Who hears about an expert opinion: coordinators and the measure's editors on submission,
the expert and the editors on publication, the expert when changes are asked for."""

import pytest
from django.core import mail

from measures.models import ExpertOpinion, Measure
from measures.review import opinions
from tests.review.opinions import create_expert, make_opinion

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status


@pytest.fixture
def expert():
    return create_expert("maria")


@pytest.fixture
def opinion(make_measure, expert):
    measure = make_measure(partner="a", status=Measure.Status.PUBLISHED, title="Remote care")
    return make_opinion(measure, expert)


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_submitting_tells_the_coordinators_and_the_measures_editors(
    django_capture_on_commit_callbacks, opinion, expert, editor, other_editor, coordinator
):
    with django_capture_on_commit_callbacks(execute=True):
        opinions.move(opinion, Status.SUBMITTED, expert)

    (to_coordinator,) = mails_to("cora@example.org")
    (to_editor,) = mails_to("erika@example.org")
    assert to_coordinator.subject == "Expert opinion for review: Remote care"
    assert f"/admin/measures/expertopinion/{opinion.pk}/change/" in to_coordinator.body
    assert to_editor.subject == "An expert's opinion on your measure: Remote care"
    assert "reply once" in to_editor.body
    assert not mails_to("oskar@example.org")
    assert not mails_to("maria@example.org")


def test_publishing_tells_the_expert_and_the_editors(
    django_capture_on_commit_callbacks, opinion, expert, editor, coordinator
):
    opinion.status = Status.SUBMITTED
    opinion.save()

    with django_capture_on_commit_callbacks(execute=True):
        opinions.move(opinion, Status.PUBLISHED, coordinator)

    assert [m.subject for m in mails_to("maria@example.org")] == [
        "Expert opinion published: Remote care"
    ]
    assert len(mails_to("erika@example.org")) == 1
    assert not mails_to("cora@example.org")


def test_the_expert_gets_the_reason_when_changes_are_asked_for(
    django_capture_on_commit_callbacks, opinion, expert, editor, coordinator
):
    opinion.status = Status.SUBMITTED
    opinion.save()

    with django_capture_on_commit_callbacks(execute=True):
        opinions.move(opinion, Status.CHANGES_REQUESTED, coordinator, "Name your sources.")

    (message,) = mails_to("maria@example.org")
    assert message.subject == "Changes requested to your opinion on Remote care"
    assert "Name your sources." in message.body
    assert not mails_to("erika@example.org")
