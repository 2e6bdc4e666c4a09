"""Who hears of an approved exploration; the editors never see the organisation's address."""

import pytest
from django.core import mail
from django.core.cache import cache

from measures.models import Measure
from measures.review import explorations
from tests.adoption.test_explorations import ENTRY, sent_and_confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def everything_in(message):
    return "\n".join([message.subject, message.body, *message.to, *message.reply_to])


def test_the_editors_mail_never_shows_the_organisations_address_and_replies_go_to_coordinators(
    client, make_measure, coordinator, editor
):
    measure = make_measure(partner="a", status=Measure.Status.PUBLISHED)
    exploration = sent_and_confirmed(client, measure)

    explorations.approve(exploration, coordinator)

    to_editors = next(m for m in mail.outbox if editor.email in m.to)
    assert ENTRY["email"] not in everything_in(to_editors)
    assert to_editors.reply_to == [coordinator.email]
    assert "coordinators, who forward it" in to_editors.body
    assert "directly" not in to_editors.body


def test_coordinators_are_told_of_an_approved_exploration_when_the_partner_has_no_editor(
    client, make_measure, coordinator
):
    measure = make_measure(partner="b", status=Measure.Status.PUBLISHED)
    exploration = sent_and_confirmed(client, measure)
    mail.outbox.clear()

    explorations.approve(exploration, coordinator)

    to_coordinators = next(m for m in mail.outbox if coordinator.email in m.to)
    assert "is exploring your measure" in to_coordinators.subject
    assert "no editor who could be told" in to_coordinators.body
    assert f"/admin/measures/exploration/{exploration.pk}/change/" in to_coordinators.body
    to_organisation = next(m for m in mail.outbox if ENTRY["email"] in m.to)
    assert "have been told" in to_organisation.body
