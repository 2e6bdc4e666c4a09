"""The contact relay's mails have one-line subjects, whatever the measure's title holds."""

import time

import pytest
from django.core import mail

from measures.models import Measure
from measures.visitors import contact
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_a_measure_whose_title_holds_a_line_break_can_be_contacted(client, witeno_region, editor):
    measure = MeasureFactory(region=witeno_region, slug="village")
    # Stored before titles were checked: past the model's validation.
    Measure.objects.filter(pk=measure.pk).update(
        title="Village e-service points\r\nBcc: evil@example.org"
    )
    measure.refresh_from_db()

    response = client.post(
        "/en/measures/village/contact/",
        {
            "name": "Jana Nováková",
            "email": "jana@example.cz",
            "organisation": "",
            "message": "We would like to adapt the e-service points. Who could we talk to?",
            "website": "",
            "started": contact.form_token(measure, time.time() - 30),
        },
    )

    assert response.status_code == 302
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Message about “Village e-service points Bcc: evil@example.org” from Jana Nováková",
        "Your message about “Village e-service points Bcc: evil@example.org”",
    ]
    # Building the message checks its headers, as sending it does.
    assert all(message.message()["Bcc"] is None for message in mail.outbox)
