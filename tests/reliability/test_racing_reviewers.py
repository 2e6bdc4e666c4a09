"""Two reviewers acting on one measure at the same moment: one wins, the other is told, once.

Real concurrency on PostgreSQL: two threads, each with its own database
connection, are released together by a barrier. In the admin tests each thread
posts to the transition view with its own signed-in browser; the barrier waits
inside `workflow.transition`, after both views have loaded the measure, so both
reviewers decide on the same state. Whatever the interleaving, exactly one move
is made and recorded, and the other reviewer gets the "someone else changed"
message. SQLite serialises writes, so there is no race to test there.
"""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from measures.models import Measure, MeasureTransition
from measures.review import workflow
from tests.factories import CategoryFactory, PartnerFactory, RegionFactory, TargetGroupFactory
from tests.staff import (
    complete_measure,
    create_staff_user,
    messages_of,
    transition_url,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL: SQLite serialises writes, so two reviewers cannot race",
    ),
]

Status = Measure.Status
ROUNDS = 4
STALE = "Someone else changed the state of"
# (first reviewer's move, second reviewer's move)
RACES = [
    pytest.param(Status.PUBLISHED, Status.PUBLISHED, id="both-publish"),
    pytest.param(Status.PUBLISHED, Status.CHANGES_REQUESTED, id="publish-and-request-changes"),
]


@pytest.fixture
def coordinators():
    lead = PartnerFactory(name="Lahti University", slug="lut")
    return create_staff_user("cora", lead, "coordinator"), create_staff_user(
        "colin", lead, "coordinator"
    )


@pytest.fixture
def submitted_measures():
    """make() → a fresh measure waiting for review, with no transition recorded yet."""
    region = RegionFactory(partner=PartnerFactory(slug="witeno"))
    theme, group = CategoryFactory(), TargetGroupFactory()

    def make():
        return complete_measure(region, theme, group, status=Status.SUBMITTED)

    return make


def race(*work):
    """Run each callable in its own thread at once; returns what each returned or raised."""
    results = [None] * len(work)

    def run(index, job):
        try:
            results[index] = ("returned", job())
        except Exception as error:  # the loser's error is a result here
            results[index] = ("raised", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a reviewer hung"
    return results


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def comment_for(status):
    return "Add the figures of 2024." if status == Status.CHANGES_REQUESTED else ""


def assert_one_move_recorded(measure, winner_status):
    measure.refresh_from_db()
    records = list(MeasureTransition.objects.filter(measure=measure))
    assert len(records) == 1
    assert (records[0].from_status, records[0].to_status) == (Status.SUBMITTED, winner_status)
    assert measure.status == winner_status


@pytest.mark.parametrize(("first", "second"), RACES)
def test_two_reviewers_moving_one_measure_at_once_make_one_move(
    coordinators, submitted_measures, first, second
):
    barrier = threading.Barrier(2, timeout=10)

    def move(user, instance, to_status):
        barrier.wait()
        return workflow.transition(instance, to_status, user, comment_for(to_status))

    for _round in range(ROUNDS):
        measure = submitted_measures()
        version = measure.version
        # Each reviewer has the measure open in the state they saw: submitted.
        cora_sees, colin_sees = (Measure.objects.get(pk=measure.pk) for _ in coordinators)
        barrier.reset()

        results = race(
            lambda seen=cora_sees: move(coordinators[0], seen, first),
            lambda seen=colin_sees: move(coordinators[1], seen, second),
        )

        outcomes = [kind for kind, _value in results]
        assert sorted(outcomes) == ["raised", "returned"], results
        winner = outcomes.index("returned")
        loser_error = results[1 - winner][1]
        assert isinstance(loser_error, workflow.WorkflowError)
        assert STALE in str(loser_error)
        assert_one_move_recorded(measure, (first, second)[winner])
        assert measure.version == version + 1


@pytest.mark.parametrize(("first", "second"), RACES)
def test_two_reviewers_posting_in_the_admin_at_once_make_one_move(
    coordinators, submitted_measures, monkeypatch, first, second
):
    real_transition = workflow.transition
    barrier = threading.Barrier(2, timeout=10)

    def transition_after_both_loaded(*args, **kwargs):
        # Both views have read the measure by now; release them together.
        barrier.wait()
        return real_transition(*args, **kwargs)

    monkeypatch.setattr(workflow, "transition", transition_after_both_loaded)

    for _round in range(ROUNDS):
        measure = submitted_measures()
        # Fresh browsers: no message left unread from the round before.
        cora, colin = (signed_in(user) for user in coordinators)
        barrier.reset()

        def post(browser, to_status, measure=measure):
            return browser.post(
                transition_url(measure),
                {"to_status": to_status, "comment": comment_for(to_status)},
            )

        results = race(
            lambda browser=cora: post(browser, first), lambda browser=colin: post(browser, second)
        )

        assert [kind for kind, _ in results] == ["returned", "returned"], results
        responses = [response for _kind, response in results]
        assert [response.status_code for response in responses] == [302, 302]
        errors = [messages_of(response, "error") for response in responses]
        successes = [messages_of(response, "success") for response in responses]
        assert sorted(len(found) for found in errors) == [0, 1], errors
        loser = 0 if errors[0] else 1
        assert STALE in errors[loser][0]
        assert successes[loser] == []
        assert len(successes[1 - loser]) == 1
        assert_one_move_recorded(measure, (first, second)[1 - loser])
