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


@pytest.mark.parametrize(
    "character",
    ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200f", "\u2060", "\ufeff", "\u00ad"],
)
def test_a_name_with_an_invisible_format_character_is_refused(client, witeno_region, character):
    measure = MeasureFactory(region=witeno_region, slug="village")

    response = client.post(
        "/en/measures/village/contact/",
        {
            "name": f"Jana{character}Nováková",
            "email": "jana@example.cz",
            "organisation": "",
            "message": "We would like to adapt the e-service points. Who could we talk to?",
            "website": "",
            "started": contact.form_token(measure, time.time() - 30),
        },
    )

    assert response.status_code == 200
    assert "invisible control characters" in response.content.decode()
    assert mail.outbox == []


def test_a_subject_loses_invisible_format_characters_stored_before(client, witeno_region, editor):
    measure = MeasureFactory(region=witeno_region, slug="village")
    Measure.objects.filter(pk=measure.pk).update(title="Village\u202e e-service\u200b points")

    client.post(
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

    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Message about “Village e-service points” from Jana Nováková",
        "Your message about “Village e-service points”",
    ]


def test_a_title_with_a_bidi_override_is_refused_by_the_model(witeno_region):
    from django.core.exceptions import ValidationError

    measure = MeasureFactory.build(region=witeno_region, title="Village\u202e points")

    with pytest.raises(ValidationError) as refused:
        measure.clean_fields(exclude=[f.name for f in Measure._meta.fields if f.name != "title"])

    assert "title" in refused.value.message_dict
