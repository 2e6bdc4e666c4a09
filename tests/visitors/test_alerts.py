"""E-mail alerts: subscribe to a filtered list, confirm, get a digest of new measures, leave."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from measures.models import AlertDelivery, AlertSubscription, Measure, MeasureTranslation
from measures.review import workflow
from measures.visitors.alerts import digests, links, subscriptions
from tests.catalogues import days_ago
from tests.factories import CategoryFactory, MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

Status = Measure.Status
CONFIRM_LINK = re.compile(r"http://testserver(/[a-z]{2}/alerts/confirm/[^/\s]+/)")


@pytest.fixture
def other_region():
    return RegionFactory(name="Lower Austria", slug="lower-austria", nuts_code="AT12")


def ask_for_alert(client, query="region=paijat-hame", email="ana@example.org", **fields):
    language = fields.pop("language", "en")
    data = {"email": email, "frequency": "daily", "query": query, "website": "", **fields}
    return client.post(f"/{language}/alerts/subscribe/", data)


def confirmation_path(message):
    return CONFIRM_LINK.search(message.body).group(1)


def confirmed_alert(query="region=paijat-hame", confirmed=None, **fields):
    """A confirmed subscription, confirmed two days ago unless told otherwise."""
    fields.setdefault("email", "ana@example.org")
    fields.setdefault("language", "en")
    fields.setdefault("frequency", AlertSubscription.Frequency.DAILY)
    return AlertSubscription.objects.create(
        query=query, confirmed_at=confirmed or days_ago(2), **fields
    )


def send_alerts():
    call_command("send_alerts", stdout=io.StringIO())


def digests_to(email="ana@example.org"):
    return [message for message in mail.outbox if message.to == [email]]


# Subscribing


def test_the_list_page_offers_the_alert_form_beside_the_feed_link(client, region):
    html = client.get("/en/measures/?theme=&region=paijat-hame&sort=title").content.decode()

    feed_link = html.index('type="application/atom+xml">')
    form = html.index('action="/en/alerts/subscribe/"')
    assert feed_link < form
    assert 'name="query" value="region=paijat-hame"' in html
    assert '<label for="alert-email">' in html
    assert "<legend>How often</legend>" in html
    # The list is cached for every visitor: nothing of one visitor in it.
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("/en/regions/paijat-hame/", "region=paijat-hame"),
        ("/en/themes/e-health-care/", "theme=e-health-care"),
    ],
)
def test_region_and_theme_pages_link_to_an_alert_for_their_measures(
    client, region, theme, page, query
):
    html = client.get(page).content.decode()

    assert f'href="/en/alerts/subscribe/?{query}"' in html


def test_the_partner_page_links_to_an_alert_for_its_measures(client, region):
    partner = region.partner

    html = client.get(f"/en/partners/{partner.slug}/").content.decode()

    assert f'href="/en/alerts/subscribe/?partner={partner.slug}"' in html


def test_the_subscribe_page_names_the_search_it_will_watch(client, region, theme):
    response = client.get("/en/alerts/subscribe/?theme=e-health-care&region=paijat-hame&x=1")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Region: Päijät-Häme" in html
    assert "Theme: E-health and home care" in html
    assert 'name="query" value="region=paijat-hame&amp;theme=e-health-care"' in html
    assert "no-store" in response["Cache-Control"]


def test_asking_for_an_alert_mails_a_confirmation_link_and_nothing_else(client, region):
    response = ask_for_alert(client, query="sort=title&region=paijat-hame&page=3&utm_source=x")

    assert response.status_code == 303
    assert response["Location"] == "/en/alerts/subscribe/sent/"
    subscription = AlertSubscription.objects.get()
    assert subscription.email == "ana@example.org"
    assert subscription.query == "region=paijat-hame"
    assert subscription.frequency == "daily"
    assert subscription.language == "en"
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "Region: Päijät-Häme" in message.body
    assert confirmation_path(message).startswith("/en/alerts/confirm/")

    MeasureFactory(region=region, title="Village e-service points")
    subscription.created_at = days_ago(2)
    subscription.save()
    send_alerts()

    assert len(mail.outbox) == 1


def test_the_address_is_kept_in_one_spelling(client, region):
    ask_for_alert(client, email="  Ana@Example.ORG ")

    assert AlertSubscription.objects.get().email == "ana@example.org"


def test_an_address_that_is_not_one_is_refused_with_a_message(client, region):
    response = ask_for_alert(client, email="ana at example")

    html = response.content.decode()
    assert response.status_code == 200
    assert "No alert was set up" in html
    assert 'aria-invalid="true" aria-describedby="alert-email-error"' in html
    assert AlertSubscription.objects.count() == 0
    assert mail.outbox == []


def test_a_filled_in_honeypot_sets_up_no_alert(client, region):
    response = ask_for_alert(client, website="http://spam.example")

    assert response.status_code == 200
    assert AlertSubscription.objects.count() == 0
    assert mail.outbox == []


def test_asking_twice_for_the_same_search_makes_one_subscription(client, region):
    ask_for_alert(client, frequency="daily")
    ask_for_alert(client, query="region=paijat-hame&sort=newest", frequency="weekly")

    subscription = AlertSubscription.objects.get()
    assert subscription.frequency == "weekly"
    assert len(mail.outbox) == 2
    assert all(confirmation_path(message) for message in mail.outbox)


def test_asking_again_for_a_confirmed_alert_mails_its_links_instead_of_a_new_confirmation(
    client, region
):
    subscription = confirmed_alert()

    response = ask_for_alert(client)

    assert response.status_code == 303
    (message,) = mail.outbox
    assert CONFIRM_LINK.search(message.body) is None
    assert f"http://testserver/en/alerts/manage/{subscription.key}/" in message.body
    assert AlertSubscription.objects.count() == 1


def test_the_page_language_is_the_language_of_the_alert(client, region):
    ask_for_alert(client, language="de")

    assert AlertSubscription.objects.get().language == "de"
    (message,) = mail.outbox
    assert confirmation_path(message).startswith("/de/alerts/confirm/")
    assert "Region: Päijät-Häme" in message.body


# Confirming


def test_the_confirmation_link_shows_a_button_and_confirms_only_when_pressed(client, region):
    ask_for_alert(client)
    path = confirmation_path(mail.outbox[0])

    page = client.get(path)

    assert page.status_code == 200
    assert "Confirm the alert" in page.content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None

    response = client.post(path)

    subscription = AlertSubscription.objects.get()
    assert subscription.confirmed_at is not None
    assert response.status_code == 303
    assert response["Location"] == f"/en/alerts/manage/{subscription.key}/"
    assert "Your alert is confirmed" in client.get(response["Location"]).content.decode()


def test_a_forged_confirmation_link_is_refused(client, region):
    ask_for_alert(client)
    path = confirmation_path(mail.outbox[0])
    subscription = AlertSubscription.objects.get()
    _payload, stamp, signature = path.split("/")[-2].split(":")
    someone_elses = signing.b64_encode(b'"someone-elses-key"').decode()
    signed_for_another_purpose = signing.dumps(subscription.key, salt="measures.visitors.contact")

    responses = [
        client.post(f"/en/alerts/confirm/{someone_elses}:{stamp}:{signature}/"),
        client.post(f"/en/alerts/confirm/{signed_for_another_purpose}/"),
        client.post(path[:-3] + "xx/"),
        client.post(f"/en/alerts/confirm/{subscription.key}/"),
    ]

    assert [response.status_code for response in responses] == [400, 400, 400, 400]
    assert "This link is not one that we sent" in responses[0].content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None


def test_an_expired_confirmation_link_is_refused(client, region, monkeypatch):
    subscription = AlertSubscription.objects.create(
        email="ana@example.org", query="region=paijat-hame", language="en"
    )
    four_days_ago = time.time() - 4 * 24 * 60 * 60
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: four_days_ago)
        path = links.confirmation_url(subscription).removeprefix("http://testserver")

    response = client.post(path)

    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


# The digest


def test_a_digest_holds_the_new_measure_that_matches_and_not_the_one_that_does_not(
    client, region, other_region
):
    subscription = confirmed_alert()
    MeasureFactory(region=region, title="Village e-service points", summary="Help with e-services.")
    MeasureFactory(region=other_region, title="Lower Austrian coworking")
    MeasureFactory(region=region, title="Published before the alert", published_at=days_ago(3))

    send_alerts()

    (digest,) = mail.outbox
    assert digest.to == ["ana@example.org"]
    assert digest.subject == "Next2Met: 1 new measure for your alert"
    assert "Village e-service points" in digest.body
    assert "Help with e-services." in digest.body
    assert "http://testserver/en/measures/" in digest.body
    assert "Lower Austrian coworking" not in digest.body
    assert "Published before the alert" not in digest.body
    assert "Region: Päijät-Häme" in digest.body
    assert "http://testserver/en/measures/?region=paijat-hame&sort=newest" in digest.body
    assert f"http://testserver/en/alerts/manage/{subscription.key}/" in digest.body
    unsubscribe = f"http://testserver/en/alerts/unsubscribe/{subscription.key}/"
    assert unsubscribe in digest.body
    assert digest.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(f"/en/measures/{Measure.objects.get(title__startswith='Village').slug}/")


def test_a_search_with_words_and_several_filters_is_run_again_for_the_digest(region, theme):
    confirmed_alert(query="q=video&theme=e-health-care")
    by_video = "Nurses visit older people at home by video."
    MeasureFactory(
        region=region, categories=[theme], title="Remote home care unit", summary=by_video
    )
    MeasureFactory(region=region, categories=[theme], title="Digital skills bus")
    MeasureFactory(
        region=region, categories=[CategoryFactory()], title="Child care portal", summary=by_video
    )

    send_alerts()

    (digest,) = mail.outbox
    assert "Remote home care unit" in digest.body
    assert "Digital skills bus" not in digest.body
    assert "Child care portal" not in digest.body


def test_a_german_alert_is_mailed_in_german(region, theme):
    subscription = confirmed_alert(query="theme=e-health-care", language="de")
    measure = MeasureFactory(region=region, categories=[theme], title="Remote home care unit")
    MeasureTranslation.objects.create(
        measure=measure,
        language="de",
        title="Mobile Pflege per Video",
        summary="Pflegekräfte besuchen ältere Menschen auch per Video.",
    )

    send_alerts()

    (digest,) = mail.outbox
    assert "Mobile Pflege per Video" in digest.body
    assert "Pflegekräfte besuchen ältere Menschen auch per Video." in digest.body
    assert "Remote home care unit" not in digest.body
    assert "Thema: E-health and home care" in digest.body
    assert f"http://testserver/de/measures/{measure.slug}/" in digest.body
    assert f"http://testserver/de/alerts/unsubscribe/{subscription.key}/" in digest.body


def test_an_alert_without_new_measures_sends_nothing(region):
    confirmed_alert()

    send_alerts()

    assert mail.outbox == []


def test_an_alert_whose_search_no_longer_holds_sends_nothing(region):
    # Its theme was removed: left out, the filter would send every new measure.
    confirmed_alert(query="theme=removed-theme")
    MeasureFactory(region=region)

    send_alerts()

    assert mail.outbox == []


def test_a_digest_that_cannot_be_handed_to_the_mail_server_is_sent_by_the_next_run(
    region, monkeypatch
):
    subscription = confirmed_alert()
    MeasureFactory(region=region, title="Village e-service points")

    def refuse(self, messages):
        raise ConnectionRefusedError("The mail server is down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        send_alerts()

    subscription.refresh_from_db()
    assert subscription.last_sent_at is None
    assert AlertDelivery.objects.count() == 0

    send_alerts()

    (digest,) = mail.outbox
    assert "Village e-service points" in digest.body


# Idempotency and frequency


def test_running_twice_sends_each_measure_once(region):
    subscription = confirmed_alert()
    MeasureFactory(region=region, title="Village e-service points")

    send_alerts()
    send_alerts()
    digests.send_digests(now=timezone.now() + timedelta(days=3))

    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(subscription=subscription).count() == 1


def test_a_measure_archived_and_published_again_is_not_mailed_again(region, coordinator):
    confirmed_alert()
    measure = MeasureFactory(region=region, title="Village e-service points")
    send_alerts()
    workflow.transition(measure, Status.ARCHIVED, coordinator)
    workflow.transition(measure, Status.PUBLISHED, coordinator)

    digests.send_digests(now=timezone.now() + timedelta(days=2))

    assert len(mail.outbox) == 1


def test_a_measure_archived_before_its_digest_is_mailed_once_it_is_published_again(
    region, coordinator
):
    confirmed_alert()
    measure = MeasureFactory(region=region, title="Village e-service points")
    workflow.transition(measure, Status.ARCHIVED, coordinator)
    send_alerts()
    assert mail.outbox == []

    workflow.transition(measure, Status.PUBLISHED, coordinator)
    send_alerts()
    digests.send_digests(now=timezone.now() + timedelta(days=2))

    (digest,) = mail.outbox
    assert "Village e-service points" in digest.body


def test_a_daily_alert_mails_at_most_once_a_day(region):
    confirmed_alert(frequency="daily")
    now = timezone.now()
    MeasureFactory(region=region, title="First measure")
    digests.send_digests(now=now)
    MeasureFactory(region=region, title="Second measure")

    digests.send_digests(now=now + timedelta(hours=12))
    assert len(mail.outbox) == 1

    # A cron job at the same hour each day may start a little early.
    digests.send_digests(now=now + timedelta(hours=24, minutes=-1))
    assert len(mail.outbox) == 2
    assert "Second measure" in mail.outbox[1].body
    assert "First measure" not in mail.outbox[1].body


def test_a_weekly_alert_mails_at_most_once_a_week(region):
    confirmed_alert(frequency="weekly", confirmed=days_ago(8))
    now = timezone.now()
    MeasureFactory(region=region, title="First measure")
    digests.send_digests(now=now)
    MeasureFactory(region=region, title="Second measure")

    digests.send_digests(now=now + timedelta(days=3))
    assert len(mail.outbox) == 1

    digests.send_digests(now=now + timedelta(days=7))
    assert len(mail.outbox) == 2


def test_a_weekly_alert_waits_a_week_after_its_confirmation(region):
    confirmed_alert(frequency="weekly", confirmed=days_ago(2))
    MeasureFactory(region=region)

    send_alerts()
    assert mail.outbox == []

    digests.send_digests(now=timezone.now() + timedelta(days=5))
    assert len(mail.outbox) == 1


# Managing and leaving


def test_the_manage_page_changes_how_often(client, region):
    subscription = confirmed_alert(frequency="daily")
    page = client.get(f"/en/alerts/manage/{subscription.key}/")

    response = client.post(f"/en/alerts/manage/{subscription.key}/", {"frequency": "weekly"})

    assert page.status_code == 200
    assert "Region: Päijät-Häme" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert response.status_code == 303
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"


def test_the_manage_page_of_an_unknown_alert_says_so(client):
    response = client.get("/en/alerts/manage/no-such-key/")

    assert response.status_code == 404
    assert "This alert does not exist" in response.content.decode()


def test_the_unsubscribe_link_asks_before_it_deletes_the_address(client, region):
    subscription = confirmed_alert()
    path = f"/en/alerts/unsubscribe/{subscription.key}/"

    page = client.get(path)

    assert page.status_code == 200
    assert "Unsubscribe and delete my address" in page.content.decode()
    assert AlertSubscription.objects.filter(pk=subscription.pk).exists()

    response = client.post(path)

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not AlertSubscription.objects.filter(email="ana@example.org").exists()
    assert client.get(path).status_code == 404


def test_one_click_unsubscribe_takes_a_post_without_csrf_token(region):
    subscription = confirmed_alert()
    MeasureFactory(region=region)
    send_alerts()
    (digest,) = mail.outbox
    url = digest.extra_headers["List-Unsubscribe"].strip("<>")
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        url.removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not AlertSubscription.objects.filter(pk=subscription.pk).exists()
    assert AlertDelivery.objects.count() == 0
    # Sent again, by a second click or a retrying mail client: the same answer.
    assert mail_client.post(url.removeprefix("http://testserver")).status_code == 200


def test_the_form_on_the_cached_list_page_works_without_csrf_token(region):
    response = ask_for_alert(Client(enforce_csrf_checks=True))

    assert response.status_code == 303
    assert AlertSubscription.objects.count() == 1


# Limits


def test_an_address_has_at_most_five_alerts(client, region, theme, other_region):
    for query in ["", "region=paijat-hame", "region=lower-austria", "theme=e-health-care"]:
        confirmed_alert(query=query)
    AlertSubscription.objects.create(email="ana@example.org", query="q=care", language="en")

    response = ask_for_alert(client, query="q=video")

    assert response.status_code == 200
    assert "This address has 5 alerts already" in response.content.decode()
    assert AlertSubscription.objects.count() == subscriptions.MAX_PER_ADDRESS
    assert mail.outbox == []
    # The search it has already is still answered.
    assert ask_for_alert(client, query="q=care").status_code == 303


def test_the_form_is_limited_per_address_an_hour(client, region):
    for n in range(subscriptions.LIMIT_PER_EMAIL):
        assert ask_for_alert(client, query=f"year_from={2010 + n}").status_code == 303

    response = ask_for_alert(client, query="year_from=2020")

    assert response.status_code == 429
    assert "Too many alerts were asked for" in response.content.decode()
    assert len(mail.outbox) == subscriptions.LIMIT_PER_EMAIL
    assert not AlertSubscription.objects.filter(query="year_from=2020").exists()


def test_the_form_is_limited_per_connection_an_hour(client, region):
    for n in range(subscriptions.LIMIT_PER_CLIENT):
        assert ask_for_alert(client, email=f"person{n}@example.org").status_code == 303

    response = ask_for_alert(client, email="one.more@example.org")

    assert response.status_code == 429
    assert not AlertSubscription.objects.filter(email="one.more@example.org").exists()


def test_unconfirmed_alerts_are_deleted_when_their_link_expires(region):
    AlertSubscription.objects.create(
        email="old@example.org", query="", language="en", created_at=days_ago(4)
    )
    AlertSubscription.objects.create(
        email="new@example.org", query="", language="en", created_at=days_ago(1)
    )
    confirmed_alert(email="kept@example.org", created_at=days_ago(30), confirmed=days_ago(29))

    send_alerts()

    remaining = AlertSubscription.objects.values_list("email", flat=True)
    assert sorted(remaining) == ["kept@example.org", "new@example.org"]


def test_an_alert_asked_for_from_another_site_is_refused(client, region):
    response = client.post(
        "/en/alerts/subscribe/",
        {"email": "ana@example.org", "frequency": "daily", "query": ""},
        headers={"origin": "https://elsewhere.example"},
    )

    assert response.status_code == 403
    assert "can only be asked for from this site" in response.content.decode()
    assert AlertSubscription.objects.count() == 0
    assert mail.outbox == []


def test_a_search_too_long_to_keep_is_refused_with_a_message(client):
    slugs = [f"a-region-with-a-rather-long-name-{n:02d}" for n in range(50)]
    for slug in slugs:
        RegionFactory(slug=slug)

    response = ask_for_alert(client, query="&".join(f"region={slug}" for slug in slugs))

    assert response.status_code == 200
    assert "too many filters to be kept" in response.content.decode()
    assert AlertSubscription.objects.count() == 0
    assert mail.outbox == []


# What a stranger can make the site send or keep


def test_the_confirmation_mail_names_the_search_without_the_words_typed(client, region):
    words = "Your account is blocked call 555 0100"
    ask_for_alert(client, query=f"region=paijat-hame&q={words}")

    (message,) = mail.outbox
    assert "Region: Päijät-Häme" in message.body
    assert "Search: the words you typed" in message.body
    for word in ("blocked", "555", "account"):
        assert word not in message.body
        assert word not in message.subject
    assert AlertSubscription.objects.get().query.startswith("q=Your+account")


def test_the_confirmation_page_shows_the_words_of_the_search(client, region):
    ask_for_alert(client, query="q=village")

    html = client.get(confirmation_path(mail.outbox[0])).content.decode()

    assert "Search: village" in html


def test_the_digest_of_a_confirmed_alert_names_its_words(region):
    confirmed_alert(query="q=village")
    MeasureFactory(region=region, title="Village e-service points")

    send_alerts()

    assert "Search: village" in digests_to()[0].body


def test_asking_again_keeps_an_unconfirmed_alert_as_long_as_its_newest_link(client, region):
    ask_for_alert(client)
    AlertSubscription.objects.update(created_at=days_ago(2.5))

    ask_for_alert(client)
    subscriptions.delete_unconfirmed(now=timezone.now() + timedelta(days=1))

    assert AlertSubscription.objects.filter(confirmed_at=None).count() == 1


def expired_link(subscription, days=4):
    moment = time.time() - days * 24 * 60 * 60
    real_time = time.time
    time.time = lambda: moment
    try:
        return links.confirmation_url(subscription).removeprefix("http://testserver")
    finally:
        time.time = real_time


def test_the_expired_link_page_is_true_that_the_address_was_deleted(client, region):
    subscription = AlertSubscription.objects.create(
        email="ana@example.org", query="region=paijat-hame", language="en", created_at=days_ago(4)
    )

    response = client.get(expired_link(subscription))

    assert response.status_code == 410
    assert "your address was deleted" in response.content.decode()
    assert not AlertSubscription.objects.filter(email="ana@example.org").exists()


def test_an_expired_link_whose_alert_was_asked_for_again_points_to_the_newer_link(client, region):
    subscription = AlertSubscription.objects.create(
        email="ana@example.org", query="region=paijat-hame", language="en", created_at=days_ago(1)
    )

    response = client.get(expired_link(subscription))

    html = response.content.decode()
    assert response.status_code == 410
    assert "a newer link was sent" in html
    assert "your address was deleted" not in html
    assert AlertSubscription.objects.filter(email="ana@example.org").exists()


@pytest.mark.parametrize(
    "query", ["region=atlantis", "region=atlantis&q=care", "theme=nowhere", "q=!!!", "year_from=x"]
)
def test_an_alert_for_a_filter_the_catalogue_does_not_know_is_refused(client, region, query):
    response = ask_for_alert(client, query=query)

    assert response.status_code == 200
    assert "No alert can be made for this search" in response.content.decode()
    assert AlertSubscription.objects.count() == 0
    assert mail.outbox == []


def test_the_subscribe_page_for_an_unknown_filter_says_so_and_offers_no_form(client, region):
    response = client.get("/en/alerts/subscribe/?region=atlantis&q=care")

    html = response.content.decode()
    assert response.status_code == 400
    assert "No alert can be made for this search: Region holds a value" in html
    assert 'name="email"' not in html
    assert "Search: care" not in html


def test_the_list_offers_no_alert_for_filters_it_left_out(client, region):
    html = client.get("/en/measures/?region=atlantis").content.decode()

    assert "Some filters were left out" in html
    assert 'action="/en/alerts/subscribe/"' not in html
