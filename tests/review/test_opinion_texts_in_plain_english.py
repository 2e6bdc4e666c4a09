"""An opinion's reply and reasons are asked for in plain English, as the opinion is: every
language's page shows them as English (lang="en"), so the forms and the editors' mail say so."""

import pytest
from django.core import mail

from measures.models import ExpertOpinion, Measure
from measures.review import opinions
from tests.review.opinions import OPINION_LIST, create_expert, make_opinion, opinion_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert():
    return create_expert("maria")


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


def test_the_reply_form_asks_the_editors_for_plain_english(client, editor, expert, measure):
    opinion = make_opinion(measure, expert, status=ExpertOpinion.Status.PUBLISHED)
    client.force_login(editor)

    html = client.get(opinion_url(opinion)).content.decode()

    assert "In plain English, as the opinion is" in html


def test_the_expert_is_asked_for_reasons_in_plain_english(client, expert, measure):
    client.force_login(expert)

    html = client.get(f"{OPINION_LIST}add/").content.decode()

    assert html.count("One sentence of reasons, in plain English.") == 4


def test_the_editors_mail_asks_for_a_reply_in_plain_english(editor, expert, measure):
    opinion = make_opinion(measure, expert)

    opinions.move(opinion, ExpertOpinion.Status.SUBMITTED, expert)

    [to_editors] = [message for message in mail.outbox if editor.email in message.to]
    assert "reply once in plain English" in to_editors.body
