"""Failed admin sign-ins are counted per username and address, and per address alone:
either locks out (the pair after a few failures, the address after more)."""

import pytest
from django.core.management import call_command

from tests.deploy.test_security_headers import assert_security_headers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a long and unusual passphrase"
LIMIT = 5


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every attempt checks a password; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff():
    return UserFactory(username="anna", password=PASSWORD, is_staff=True)


def sign_in(client, username="anna", password="wrong password", address="192.0.2.10", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, times, **kwargs):
    return [sign_in(client, **kwargs).status_code for _ in range(times)]


def test_wrong_passwords_below_the_limit_show_the_login_form_again(client, staff):
    assert fail(client, LIMIT - 1) == [200] * (LIMIT - 1)


def test_the_fifth_wrong_password_locks_the_account_out(client, staff):
    fail(client, LIMIT - 1)

    response = sign_in(client)

    assert response.status_code == 429
    assert "lockout.html" in [template.name for template in response.templates]


def test_a_locked_out_person_cannot_sign_in_even_with_the_right_password(client, staff):
    fail(client, LIMIT)

    response = sign_in(client, password=PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_friendly_and_in_the_sites_look(client, staff):
    fail(client, LIMIT - 1)

    response = sign_in(client)

    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert "<h1>Sign-in is paused for this account</h1>" in html
    assert "There were 5 failed attempts to sign in with this username" in html
    assert "You can try again in 30 minutes." in html
    assert_security_headers(response)


def test_lockout_is_per_username_and_address(client, staff):
    UserFactory(username="ben", password=PASSWORD, is_staff=True)
    fail(client, LIMIT)

    from_elsewhere = sign_in(client, password=PASSWORD, address="198.51.100.7")
    client.logout()
    other_person = sign_in(client, username="ben", password=PASSWORD)

    assert from_elsewhere.status_code == 302
    assert other_person.status_code == 302


def test_a_successful_sign_in_resets_the_count(client, staff):
    fail(client, LIMIT - 1)
    assert sign_in(client, password=PASSWORD).status_code == 302
    client.logout()

    assert fail(client, LIMIT - 1) == [200] * (LIMIT - 1)


def test_axes_reset_lifts_the_lockout(client, staff):
    fail(client, LIMIT)

    call_command("axes_reset", verbosity=0)

    assert sign_in(client, password=PASSWORD).status_code == 302


def test_behind_a_proxy_the_forwarded_client_address_counts(client, staff, settings):
    settings.BEHIND_PROXY = True
    # Both requests come from the proxy's address; the proxy names the client last.
    fail(client, LIMIT, address="10.0.0.1", HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.10")

    locked = sign_in(
        client, password=PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10"
    )
    other_client = sign_in(
        client,
        password=PASSWORD,
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.10, 198.51.100.7",
    )

    assert locked.status_code == 429
    assert other_client.status_code == 302


def test_without_the_proxy_setting_forwarded_headers_are_ignored(client, staff, settings):
    settings.BEHIND_PROXY = False
    fail(client, LIMIT, HTTP_X_FORWARDED_FOR="203.0.113.1")

    # A client cannot escape the lockout by inventing a forwarded address.
    response = sign_in(client, password=PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert response.status_code == 429


def fail_with_many_usernames(client, times, address="192.0.2.10"):
    return [
        sign_in(client, username=f"guess{n}", address=address).status_code for n in range(times)
    ]


def test_many_usernames_from_one_address_lock_that_address_out(client, staff, settings):
    limit = settings.N2M_ADDRESS_FAILURE_LIMIT
    assert limit > LIMIT

    assert fail_with_many_usernames(client, limit - 1) == [200] * (limit - 1)
    locked = sign_in(client, username="one-more-guess")
    right_password = sign_in(client, password=PASSWORD)
    from_elsewhere = sign_in(client, password=PASSWORD, address="198.51.100.7")

    assert locked.status_code == 429
    assert right_password.status_code == 429
    assert from_elsewhere.status_code == 302


def test_the_address_lockout_page_is_friendly_and_speaks_of_the_network(client, staff, settings):
    limit = settings.N2M_ADDRESS_FAILURE_LIMIT
    fail_with_many_usernames(client, limit)

    response = sign_in(client, username="one-more-guess")

    html = response.content.decode()
    assert response.status_code == 429
    assert '<header class="site-header">' in html
    assert "<h1>Sign-in is paused for your network</h1>" in html
    assert f"There were {limit} failed attempts to sign in from your network" in html
    assert "You can try again in 30 minutes." in html
    assert_security_headers(response)


def test_axes_reset_lifts_the_address_lockout(client, staff, settings):
    fail_with_many_usernames(client, settings.N2M_ADDRESS_FAILURE_LIMIT)

    call_command("axes_reset", verbosity=0)

    assert sign_in(client, password=PASSWORD).status_code == 302
