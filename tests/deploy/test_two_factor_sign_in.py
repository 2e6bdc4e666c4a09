"""The second sign-in step: optional for everyone, required for coordinators by a setting."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SETUP = "/admin/2fa/setup/"
VERIFY = "/admin/2fa/verify/"


@pytest.fixture
def coordinator():
    return MembershipFactory(
        user=UserFactory(username="carla", is_staff=True), role=Membership.Role.COORDINATOR
    ).user


@pytest.fixture
def editor():
    return MembershipFactory(
        user=UserFactory(username="erik", is_staff=True), role=Membership.Role.EDITOR
    ).user


@pytest.fixture
def required(settings):
    settings.N2M_REQUIRE_2FA_FOR_COORDINATORS = True


def code_of(device):
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token())


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/measures/measure/", "/admin/partners/partner/"]
)
def test_coordinator_without_an_app_is_sent_to_set_one_up(client, coordinator, required, path):
    response = signed_in(client, coordinator).get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{SETUP}?next=")


def test_coordinator_may_use_the_admin_without_an_app_while_the_setting_is_off(
    client, coordinator, settings
):
    settings.N2M_REQUIRE_2FA_FOR_COORDINATORS = False

    assert signed_in(client, coordinator).get("/admin/").status_code == 200


def test_editor_is_not_required_to_set_up_an_app(client, editor, required):
    assert signed_in(client, editor).get("/admin/").status_code == 200


def test_public_pages_never_ask_for_the_second_step(client, coordinator, required):
    assert signed_in(client, coordinator).get("/en/").status_code == 200


def test_coordinator_may_still_sign_out(client, coordinator, required):
    response = signed_in(client, coordinator).post("/admin/logout/")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_setup_page_shows_a_qr_code_and_the_key_to_type(client, coordinator, required):
    response = signed_in(client, coordinator).get(f"{SETUP}?next=/admin/")

    html = response.content.decode()
    device = TOTPDevice.objects.get(user=coordinator)
    assert response.status_code == 200
    assert not device.confirmed
    assert '<svg width="' in html
    assert '<code class="two-factor__secret">' in html
    assert "Coordinators need a second sign-in step" in html


def test_reloading_the_setup_page_keeps_the_same_key(client, coordinator, required):
    signed_in(client, coordinator).get(SETUP)
    first = TOTPDevice.objects.get(user=coordinator).key

    client.get(SETUP)

    assert list(TOTPDevice.objects.filter(user=coordinator).values_list("key", flat=True)) == [
        first
    ]


def test_right_code_turns_the_second_step_on_and_opens_the_admin(client, coordinator, required):
    signed_in(client, coordinator).get(SETUP)
    device = TOTPDevice.objects.get(user=coordinator)

    response = client.post(SETUP, {"token": code_of(device), "next": "/admin/measures/measure/"})

    device.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/admin/measures/measure/"
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_wrong_code_is_refused_with_a_reason(client, coordinator, required):
    signed_in(client, coordinator).get(SETUP)

    response = client.post(SETUP, {"token": "000000"})

    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.get(user=coordinator).confirmed
    assert client.get("/admin/").status_code == 302


def test_person_with_an_app_is_asked_for_its_code_at_sign_in(client, coordinator, required):
    confirmed_device(coordinator)

    response = signed_in(client, coordinator).get("/admin/measures/measure/")

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fmeasures%2Fmeasure%2F"


def test_second_step_is_optional_but_kept_once_set_up(client, editor, settings):
    # Anyone may turn it on; from then on it is asked for, whatever the setting says.
    settings.N2M_REQUIRE_2FA_FOR_COORDINATORS = False
    confirmed_device(editor)

    assert signed_in(client, editor).get("/admin/").status_code == 302


def test_right_code_lets_the_person_in(client, coordinator, required):
    device = confirmed_device(coordinator)
    signed_in(client, coordinator)

    response = client.post(VERIFY, {"token": code_of(device), "next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_wrong_code_keeps_the_person_out(client, coordinator, required):
    confirmed_device(coordinator)
    signed_in(client, coordinator)

    response = client.post(VERIFY, {"token": "123456"})

    assert "This code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_repeated_wrong_codes_are_slowed_down(client, coordinator, required):
    device = confirmed_device(coordinator)
    signed_in(client, coordinator)
    client.post(VERIFY, {"token": "123456"})

    # Straight after a wrong code, even the right one is refused for a moment.
    response = client.post(VERIFY, {"token": code_of(device)})

    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_next_address_outside_the_site_is_ignored(client, coordinator, required):
    device = confirmed_device(coordinator)
    signed_in(client, coordinator)

    response = client.post(VERIFY, {"token": code_of(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_password_alone_cannot_add_a_second_app(client, coordinator, required):
    confirmed_device(coordinator)

    response = signed_in(client, coordinator).get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


def test_two_factor_reset_removes_the_apps_and_ends_the_sessions(client, coordinator, required):
    confirmed_device(coordinator)
    signed_in(client, coordinator)

    call_command("two_factor_reset", "carla", stdout=StringIO())

    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_anonymous_visitors_of_the_setup_page_are_sent_to_sign_in(client):
    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
