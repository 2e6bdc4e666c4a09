"""A visitor's message is "sent" once it waits safely in the outbox, whatever the mail server does.

The mail server here refuses every mail, as one that is down does; the visitor is
still told the message is on its way, and it is delivered when the server is back.
"""

import time

import pytest
from django.core import mail
from post_office.models import STATUS, Email

from measures.visitors import contact
from tests.factories import MeasureFactory
from tests.mailboxes import LOCMEM, REFUSING, deliver, time_passes, use_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(witeno_region):
    return MeasureFactory(region=witeno_region, title="Village e-service points", slug="village")


def message(measure):
    """What the form posts when a person took half a minute to write it."""
    return {
        "name": "Jana Nováková",
        "email": "jana@example.cz",
        "organisation": "Region of South Bohemia",
        "message": "We would like to adapt the e-service points. Who could we talk to?",
        "website": "",
        "started": contact.form_token(measure, time.time() - 30),
    }


def test_a_message_written_while_the_mail_server_is_down_is_sent_later(
    client, settings, tmp_path, measure, editor, colleague
):
    use_outbox(settings, tmp_path, REFUSING)

    response = client.post(f"/en/measures/{measure.slug}/contact/", message(measure))

    assert response.status_code == 302
    assert response["Location"] == f"/en/measures/{measure.slug}/contact/sent/"
    deliver()
    assert mail.outbox == []
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.requeued}

    settings.POST_OFFICE["BACKENDS"]["default"] = LOCMEM
    time_passes()
    deliver()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "carl@example.org",
        "erika@example.org",
        "jana@example.cz",
    ]
    relayed = [m for m in mail.outbox if m.to != ["jana@example.cz"]]
    for relayed_message in relayed:
        assert relayed_message.message()["Reply-To"] == "jana@example.cz"
        assert "Who could we talk to?" in relayed_message.body
