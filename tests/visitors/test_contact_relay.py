"""The contact relay: a visitor writes to the people behind a measure, who stay anonymous."""

import time

import pytest
from django.core import mail

from measures.models import Measure, MeasureTranslation
from measures.visitors import contact
from tests.factories import MeasureFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(witeno_region):
    return MeasureFactory(region=witeno_region, title="Village e-service points", slug="village")


def contact_url(measure):
    return f"/en/measures/{measure.slug}/contact/"


def message(measure, seconds_ago=30, **changes):
    """What the form posts when a person took `seconds_ago` seconds to write it."""
    return {
        "name": "Jana Nováková",
        "email": "jana@example.cz",
        "organisation": "Region of South Bohemia",
        "message": "We would like to adapt the e-service points. Who could we talk to?",
        "website": "",
        "started": contact.form_token(measure, time.time() - seconds_ago),
        **changes,
    }


def addresses_in(html):
    return [
        email
        for email in ["erika@example.org", "carl@example.org", "cora@example.org"]
        if email in html
    ]


def test_the_detail_page_links_to_the_contact_page(client, measure):
    html = client.get("/en/measures/village/").content.decode()

    assert 'href="/en/measures/village/contact/"' in html
    assert "Contact the people behind this measure" in html


def test_the_contact_page_names_the_partner_but_no_address(client, measure, editor, colleague):
    response = client.get(contact_url(measure))

    html = response.content.decode()
    assert response.status_code == 200
    assert "WITENO GmbH" in html
    assert addresses_in(html) == []
    assert "@" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_contact_page_is_never_cached(client, measure):
    response = client.get(contact_url(measure))

    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_the_message_goes_to_the_partners_editors_with_a_receipt_to_the_sender(
    client, measure, editor, colleague, other_editor, coordinator
):
    response = client.post(contact_url(measure), message(measure))

    assert response.status_code == 302
    assert response["Location"] == "/en/measures/village/contact/sent/"
    relayed = [m for m in mail.outbox if m.to != ["jana@example.cz"]]
    assert sorted(m.to[0] for m in relayed) == ["carl@example.org", "erika@example.org"]
    for relayed_message in relayed:
        assert relayed_message.reply_to == ["jana@example.cz"]
        assert "Village e-service points" in relayed_message.subject
        assert "Jana Nováková" in relayed_message.subject
        assert "Who could we talk to?" in relayed_message.body
        assert "Region of South Bohemia" in relayed_message.body
    (receipt,) = [m for m in mail.outbox if m.to == ["jana@example.cz"]]
    assert receipt.subject == "Your message about “Village e-service points”"
    assert "http://testserver/en/measures/village/" in receipt.body
    assert addresses_in(receipt.body) == []
    assert addresses_in(client.get(response["Location"]).content.decode()) == []


def test_a_partner_without_editors_is_reached_through_the_coordinators(
    client, measure, coordinator, other_editor
):
    client.post(contact_url(measure), message(measure))

    assert sorted(m.to[0] for m in mail.outbox) == ["cora@example.org", "jana@example.cz"]


def test_inactive_editors_get_nothing(client, measure, editor, witeno):
    MembershipFactory(partner=witeno, user=UserFactory(username="gone", is_active=False))

    client.post(contact_url(measure), message(measure))

    assert sorted(m.to[0] for m in mail.outbox) == ["erika@example.org", "jana@example.cz"]


@pytest.mark.parametrize("state", [s for s in Measure.Status if s != Measure.Status.PUBLISHED])
def test_unpublished_measures_have_no_contact_page(client, witeno_region, editor, state):
    hidden = MeasureFactory(region=witeno_region, status=state, published_at=None)

    assert client.get(contact_url(hidden)).status_code == 404
    assert client.post(contact_url(hidden), message(hidden)).status_code == 404
    assert mail.outbox == []


def test_a_filled_in_honeypot_sends_nothing(client, measure, editor):
    response = client.post(contact_url(measure), message(measure, website="http://spam.example"))

    assert response.status_code == 200
    assert "Your message was not sent" in response.content.decode()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, measure):
    html = client.get(contact_url(measure)).content.decode()

    assert '<div class="contact-form__trap" aria-hidden="true">' in html
    assert "Leave this field empty" in html
    assert 'tabindex="-1"' in html


def test_a_message_sent_within_three_seconds_is_refused(client, measure, editor):
    response = client.post(contact_url(measure), message(measure, seconds_ago=1))

    assert response.status_code == 200
    assert "quicker than anyone writes a message" in response.content.decode()
    assert mail.outbox == []


def test_a_form_opened_straight_before_sending_is_refused(client, measure, editor):
    page = client.get(contact_url(measure))
    token = page.context["form"]["started"].value()

    response = client.post(contact_url(measure), message(measure, started=token))

    assert "quicker than anyone writes a message" in response.content.decode()
    assert mail.outbox == []


def test_a_form_older_than_a_day_is_refused_and_renewed(client, measure, editor):
    stale = message(measure, seconds_ago=25 * 60 * 60)

    response = client.post(contact_url(measure), stale)

    assert "opened more than a day ago" in response.content.decode()
    assert mail.outbox == []
    renewed = response.context["form"]["started"].value()
    assert renewed != stale["started"]
    assert "We would like to adapt" in response.content.decode()


@pytest.mark.parametrize("token", ["", "forged", "eyJtIjoxLCJ0IjoxfQ:1abc:xyz"])
def test_a_missing_or_forged_timestamp_is_refused(client, measure, editor, token):
    response = client.post(contact_url(measure), message(measure, started=token))

    assert response.status_code == 200
    assert "Your message was not sent" in response.content.decode()
    assert mail.outbox == []


def test_a_timestamp_of_another_measures_form_is_refused(client, measure, witeno_region, editor):
    other = MeasureFactory(region=witeno_region)

    client.post(contact_url(measure), message(measure, started=contact.form_token(other, 1)))

    assert mail.outbox == []


def test_the_sixth_message_within_an_hour_from_one_address_is_refused(
    client, witeno_region, editor
):
    measures = [MeasureFactory(region=witeno_region) for _ in range(6)]
    for sent in measures[:5]:
        assert client.post(contact_url(sent), message(sent)).status_code == 302
    mail.outbox.clear()

    response = client.post(contact_url(measures[5]), message(measures[5]))

    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert mail.outbox == []


def test_another_address_may_still_write(client, witeno_region, editor):
    measure = MeasureFactory(region=witeno_region)
    for _ in range(5):
        client.post(contact_url(measure), message(measure))
    mail.outbox.clear()

    response = client.post(contact_url(measure), message(measure), REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_one_measure_takes_at_most_its_limit_of_messages_an_hour(
    client, measure, editor, monkeypatch
):
    monkeypatch.setattr(contact, "LIMIT_PER_MEASURE", 2)
    for n in range(2):
        client.post(contact_url(measure), message(measure), REMOTE_ADDR=f"192.0.2.{n}")
    mail.outbox.clear()

    response = client.post(contact_url(measure), message(measure), REMOTE_ADDR="192.0.2.99")

    assert response.status_code == 429
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not an address"}, "email"),
        ({"email": "jana@example.cz\nBcc: victim@example.org"}, "email"),
        ({"name": "Jana\r\nBcc: victim@example.org"}, "name"),
        ({"organisation": "Region\nBcc: victim@example.org"}, "organisation"),
        ({"name": "Jana\u2028Nováková"}, "name"),
        ({"organisation": "Region\tof South Bohemia"}, "organisation"),
        ({"name": ""}, "name"),
        ({"name": "J" * 101}, "name"),
        ({"message": "Hi"}, "message"),
        ({"message": "x" * 5001}, "message"),
    ],
)
def test_bad_input_gets_form_errors_and_sends_nothing(client, measure, editor, changes, field):
    response = client.post(contact_url(measure), message(measure, **changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert mail.outbox == []


def test_a_mail_server_failure_is_explained_not_a_server_error(
    client, measure, editor, monkeypatch
):
    def refuse(self, messages):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    response = client.post(contact_url(measure), message(measure))

    assert response.status_code == 503
    assert "could not be sent just now" in response.content.decode()
    assert "Who could we talk to?" in response.content.decode()


def test_the_relayed_message_links_to_site_url_whatever_the_host(
    client, measure, editor, public_site, foreign_host
):
    client.post(contact_url(measure), message(measure), HTTP_HOST=foreign_host)

    (relayed,) = [m for m in mail.outbox if m.to == ["erika@example.org"]]
    assert f"{public_site}/en/measures/village/" in relayed.body
    for sent in mail.outbox:
        assert "localhost" not in sent.body


def test_the_receipt_holds_nothing_the_sender_typed(client, measure, editor):
    typed = {
        "name": "Cheap pills at spam.example",
        "organisation": "Visit spam.example today",
        "message": "Buy cheap pills now at https://spam.example/offer before it is too late!",
    }

    client.post(contact_url(measure), message(measure, email="victim@example.org", **typed))

    (receipt,) = [m for m in mail.outbox if m.to == ["victim@example.org"]]
    for text in (receipt.subject, receipt.body):
        assert "spam.example" not in text
        assert "Cheap pills" not in text
    assert "Village e-service points" in receipt.body
    assert receipt.reply_to == []


def test_a_form_token_works_once(client, measure, editor):
    sent_once = message(measure)
    first = client.post(contact_url(measure), sent_once)
    sent = len(mail.outbox)

    again = client.post(contact_url(measure), sent_once)

    assert first.status_code == 302
    assert sent == 2
    assert again.status_code == 409
    assert "This message was sent already" in again.content.decode()
    assert len(mail.outbox) == sent
    renewed = again.context["form"]["started"].value()
    assert renewed != sent_once["started"]


def test_two_forms_handed_out_in_the_same_second_each_send_once(client, measure, editor):
    issued_at = time.time() - 30
    first = message(measure, started=contact.form_token(measure, issued_at))
    second = message(measure, started=contact.form_token(measure, issued_at))

    responses = [client.post(contact_url(measure), data) for data in (first, second)]

    assert [response.status_code for response in responses] == [302, 302]
    assert len(mail.outbox) == 4


def test_a_form_that_could_not_be_sent_may_be_sent_again(client, measure, editor, monkeypatch):
    data = message(measure)

    def refuse(self, messages):
        raise ConnectionRefusedError

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        assert client.post(contact_url(measure), data).status_code == 503

    assert client.post(contact_url(measure), data).status_code == 302
    assert len(mail.outbox) == 2


def test_a_polish_receipt_names_the_measure_by_its_polish_title(client, measure, editor):
    MeasureTranslation.objects.create(
        measure=measure, language="pl", title="Wiejskie punkty e-usług", summary="Punkty."
    )

    client.post(f"/pl/measures/{measure.slug}/contact/", message(measure))

    (relayed,) = [m for m in mail.outbox if m.to == ["erika@example.org"]]
    (receipt,) = [m for m in mail.outbox if m.to == ["jana@example.cz"]]
    assert "Wiejskie punkty e-usług" in receipt.subject
    assert "Wiejskie punkty e-usług" in receipt.body
    assert "Village e-service points" not in receipt.body
    # The partner's staff read the catalogue's working language.
    assert "Village e-service points" in relayed.subject
    assert "Village e-service points" in relayed.body


def test_coordinators_standing_in_for_a_partner_are_told_why_they_got_the_message(
    client, measure, coordinator
):
    client.post(contact_url(measure), message(measure))

    (relayed,) = [m for m in mail.outbox if m.to == ["cora@example.org"]]
    words = " ".join(relayed.body.split())
    assert "as a coordinator of the catalogue" in words
    assert "has no editor who could receive it" in words
    assert "because you are an editor" not in relayed.body


def test_editors_are_told_they_get_the_message_as_editors(client, measure, editor):
    client.post(contact_url(measure), message(measure))

    (relayed,) = [m for m in mail.outbox if m.to == ["erika@example.org"]]
    assert "because you are an editor" in " ".join(relayed.body.split())
    assert "coordinator" not in relayed.body
