"""A step of an exploration or an expert opinion is taken once (measures.review.steps).

Both kinds of record move by one conditional UPDATE: the row changes only while
it is still where the step starts, the content version is bumped only when it
did, and a step taken already is refused with the step's own reason.
"""

import pytest

from measures.caching import content_version
from measures.models import ExpertOpinion, Exploration, Measure
from measures.review import explorations, opinions
from measures.review.steps import take_step
from tests.review.opinions import create_expert, make_opinion

pytestmark = pytest.mark.django_db


class Refused(Exception):
    pass


@pytest.fixture
def bumps(monkeypatch):
    """How many times the content version was bumped."""
    calls = []
    monkeypatch.setattr(content_version, "bump", lambda: calls.append(1))
    return calls


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


@pytest.fixture
def waiting(measure):
    return Exploration.objects.create(
        measure=measure,
        organisation="Municipality of Lappeenranta",
        region_name="South Karelia",
        country="FI",
        email="digital@lappeenranta.example",
        status=Exploration.Status.WAITING,
    )


def test_a_step_changes_its_row_reads_the_record_again_and_bumps_the_version(waiting, bumps):
    rows = Exploration.objects.filter(pk=waiting.pk, status=Exploration.Status.WAITING)

    changed = take_step(rows, {"status": Exploration.Status.DECLINED}, record=waiting)

    assert changed is True
    assert waiting.status == Exploration.Status.DECLINED
    assert len(bumps) == 1


def test_a_step_taken_already_changes_nothing_and_bumps_nothing(waiting, bumps):
    rows = Exploration.objects.filter(pk=waiting.pk, status=Exploration.Status.UNCONFIRMED)

    assert take_step(rows, {"status": Exploration.Status.WAITING}) is False
    assert bumps == []


def test_a_step_taken_already_is_refused_with_the_steps_reason(waiting, bumps):
    rows = Exploration.objects.filter(pk=waiting.pk, status=Exploration.Status.UNCONFIRMED)

    with pytest.raises(Refused, match="not where it started"):
        take_step(rows, {"status": "waiting"}, refused=Refused("not where it started"))

    waiting.refresh_from_db()
    assert waiting.status == Exploration.Status.WAITING
    assert bumps == []


def test_approving_an_exploration_twice_refuses_the_second_and_bumps_nothing_more(
    waiting, coordinator, bumps
):
    explorations.approve(waiting, coordinator)
    bumped = len(bumps)
    stale = Exploration.objects.get(pk=waiting.pk)
    stale.status = Exploration.Status.WAITING

    with pytest.raises(explorations.ExplorationError, match="not waiting"):
        explorations.approve(stale, coordinator)

    assert Exploration.objects.get(pk=waiting.pk).status == Exploration.Status.PUBLISHED
    assert bumped >= 1
    assert len(bumps) == bumped


def test_publishing_an_opinion_twice_refuses_the_second_and_bumps_nothing_more(
    measure, coordinator, bumps
):
    opinion = make_opinion(measure, create_expert("nowak"), status=ExpertOpinion.Status.SUBMITTED)
    stale = ExpertOpinion.objects.get(pk=opinion.pk)

    opinions.move(opinion, ExpertOpinion.Status.PUBLISHED, coordinator)
    bumped = len(bumps)
    with pytest.raises(opinions.OpinionError, match="Someone else changed"):
        opinions.move(stale, ExpertOpinion.Status.PUBLISHED, coordinator)

    assert ExpertOpinion.objects.get(pk=opinion.pk).status == ExpertOpinion.Status.PUBLISHED
    assert bumped >= 1
    assert len(bumps) == bumped
