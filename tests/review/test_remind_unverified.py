"""`remind_unverified`: one mail a day to each partner's editors about their overdue measures."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone
from post_office.models import Email

from partners.models import Partner
from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from tests.freshness import measure_verified
from tests.mailboxes import use_outbox
from tests.staff import create_staff_user

pytestmark = pytest.mark.django_db


# The editors and coordinator of WITENO and DIBA (as in tests/visitors/conftest.py), in
# place of the back office's personas of this folder's conftest.


@pytest.fixture
def editor(witeno):
    """An editor of WITENO."""
    return create_staff_user("erika", witeno, "editor")


@pytest.fixture
def colleague(witeno):
    """A second editor of WITENO."""
    return create_staff_user("carl", witeno, "editor")


@pytest.fixture
def other_editor(diba):
    """An editor of DIBA."""
    return create_staff_user("oskar", diba, "editor")


@pytest.fixture
def coordinator():
    return create_staff_user(
        "cora", PartnerFactory(name="Lahti University", slug="lut"), "coordinator"
    )


def remind(*args):
    out = StringIO()
    call_command("remind_unverified", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def catalogue(witeno_region, diba_region, editor, colleague, other_editor, coordinator):
    return {
        "witeno_old": measure_verified(witeno_region, 400, title="Village e-service points"),
        "witeno_older": measure_verified(witeno_region, 800, title="Digital village assistants"),
        "witeno_fresh": measure_verified(witeno_region, 30, title="Coworking in the old school"),
        "diba_fresh": measure_verified(diba_region, 100, title="Rural broadband office"),
    }


def test_the_command_mails_the_owning_partners_editors_once_about_their_overdue_measures(
    catalogue, editor, colleague, other_editor, coordinator
):
    output = remind()

    assert len(mail.outbox) == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "carl@example.org",
        "erika@example.org",
    ]
    body = mail.outbox[0].body
    assert "Village e-service points" in body
    assert "Digital village assistants" in body
    assert "Coworking in the old school" not in body
    assert f"/admin/measures/measure/{catalogue['witeno_old'].pk}/change/" in body
    assert "/admin/measures/measure/verification-overdue/" in body
    assert "2 measures of WITENO" in mail.outbox[0].subject
    assert "WITENO GmbH: 2 overdue, sent" in output
    assert "Rural broadband office" not in output


def test_a_second_run_on_the_same_day_sends_nothing(catalogue):
    remind()
    mail.outbox.clear()

    output = remind()

    assert mail.outbox == []
    assert "already reminded today" in output
    assert Partner.objects.get(slug="witeno").verification_reminded_on == timezone.localdate()


def test_a_partner_reminded_yesterday_is_reminded_again_today(catalogue, witeno):
    Partner.objects.filter(pk=witeno.pk).update(
        verification_reminded_on=timezone.localdate() - timezone.timedelta(days=1)
    )

    remind()

    assert len(mail.outbox) == 2


def test_no_mail_when_every_measure_is_fresh(witeno_region, editor):
    measure_verified(witeno_region, 10)

    output = remind()

    assert mail.outbox == []
    assert "No published measure is overdue" in output


def test_unpublished_measures_are_never_reminded_of(witeno_region, editor):
    measure_verified(witeno_region, 900, status="archived")
    measure_verified(witeno_region, 900, status="draft")

    remind()

    assert mail.outbox == []


def test_dry_run_sends_nothing_and_remembers_nothing(catalogue, witeno):
    output = remind("--dry-run")

    assert mail.outbox == []
    assert "WITENO GmbH: 2 overdue, would send to carl@example.org, erika@example.org" in output
    assert "Dry run: nothing was sent." in output
    witeno.refresh_from_db()
    assert witeno.verification_reminded_on is None

    remind()
    assert len(mail.outbox) == 2


def test_editors_of_other_partners_and_inactive_editors_get_nothing(
    witeno_region, witeno, other_editor, coordinator
):
    MembershipFactory(partner=witeno, user=UserFactory(username="gone", is_active=False))
    measure_verified(witeno_region, 400)

    output = remind()

    assert mail.outbox == []
    assert "no editor with an e-mail address" in output
    witeno.refresh_from_db()
    assert witeno.verification_reminded_on is None


def test_a_failing_mail_server_leaves_the_day_unclaimed(catalogue, witeno, settings, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("measures.review.notifications.send_mass_mail", refuse)

    output = remind()

    assert "sending failed" in output
    witeno.refresh_from_db()
    assert witeno.verification_reminded_on is None


def test_the_day_is_claimed_only_together_with_its_mail_in_the_outbox(
    catalogue, witeno, settings, tmp_path, monkeypatch
):
    use_outbox(settings, tmp_path)

    def outbox_unwritable(message):
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr("next2met.outbox.backend.queue", outbox_unwritable)

    with pytest.raises(DatabaseError):
        remind()

    witeno.refresh_from_db()
    assert witeno.verification_reminded_on is None
    assert not Email.objects.exists()


def test_a_reminder_waits_in_the_outbox_with_its_day_claimed(catalogue, witeno, settings, tmp_path):
    use_outbox(settings, tmp_path)

    output = remind()

    assert "WITENO GmbH: 2 overdue, sent" in output
    assert sorted(email.to[0] for email in Email.objects.all()) == [
        "carl@example.org",
        "erika@example.org",
    ]
    witeno.refresh_from_db()
    assert witeno.verification_reminded_on == timezone.localdate()
