"""Staff preview an unpublished measure's public page; everyone else gets "page not found"."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from measures.models import Measure
from tests.staff import public_url

pytestmark = pytest.mark.django_db

Status = Measure.Status
UNPUBLISHED = [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED]
BANNER = "Preview: this measure is not published"


@pytest.mark.parametrize("state", UNPUBLISHED)
@pytest.mark.parametrize("role", ["editor", "coordinator", "superuser"])
def test_staff_with_access_preview_an_unpublished_measure(
    client, request, make_measure, role, state
):
    measure = make_measure("a", state, title="Village e-service points")
    client.force_login(request.getfixturevalue(role))

    response = client.get(public_url(measure))

    assert response.status_code == 200
    html = response.content.decode()
    assert BANNER in html
    assert f"(state: {measure.get_status_display()})" in html
    assert "<title>[Preview] Village e-service points" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


@pytest.mark.parametrize("state", UNPUBLISHED)
@pytest.mark.parametrize("role", ["anonymous", "other_editor"])
def test_public_and_other_partners_get_404_for_an_unpublished_measure(
    client, request, make_measure, role, state
):
    measure = make_measure("a", state)
    user = request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)

    response = client.get(public_url(measure))

    assert response.status_code == 404
    assert measure.title not in response.content.decode()


def test_staff_user_without_a_membership_gets_404(client, make_measure, django_user_model):
    measure = make_measure("a", Status.DRAFT)
    client.force_login(django_user_model.objects.create(username="stray", is_staff=True))

    assert client.get(public_url(measure)).status_code == 404


def test_a_signed_in_non_staff_member_of_the_partner_gets_404(client, editor, make_measure):
    measure = make_measure("a", Status.DRAFT)
    editor.is_staff = False
    editor.save()
    client.force_login(editor)

    assert client.get(public_url(measure)).status_code == 404


def test_published_measure_shows_no_banner_and_may_be_indexed(client, editor, make_measure):
    measure = make_measure("a", Status.PUBLISHED)

    for user in (None, editor):
        if user is not None:
            client.force_login(user)
        response = client.get(public_url(measure))
        assert response.status_code == 200
        assert BANNER not in response.content.decode()
        assert "X-Robots-Tag" not in response


# The second sign-in step: a password alone opens no preview to someone who owes it.


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def pass_second_step(client, device):
    """What a right code on the second step's page leaves in the session."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_coordinator_with_an_app_gets_404_on_a_draft_before_the_second_step(
    client, coordinator, make_measure, state
):
    measure = make_measure("a", state, title="Village e-service points")
    confirmed_device(coordinator)
    client.force_login(coordinator)

    response = client.get(public_url(measure))

    assert response.status_code == 404
    assert "Village e-service points" not in response.content.decode()


def test_coordinator_who_must_set_up_an_app_gets_404_on_a_draft(
    client, coordinator, make_measure, settings
):
    settings.N2M_REQUIRE_2FA_FOR_COORDINATORS = True
    measure = make_measure("a", Status.DRAFT)
    client.force_login(coordinator)

    assert client.get(public_url(measure)).status_code == 404


def test_editor_with_an_app_gets_404_on_own_draft_before_the_second_step(
    client, editor, make_measure
):
    measure = make_measure("a", Status.DRAFT)
    confirmed_device(editor)
    client.force_login(editor)

    assert client.get(public_url(measure)).status_code == 404


def test_coordinator_previews_a_draft_after_the_second_step(client, coordinator, make_measure):
    measure = make_measure("a", Status.DRAFT, title="Village e-service points")
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    pass_second_step(client, device)

    response = client.get(public_url(measure))

    assert response.status_code == 200
    assert BANNER in response.content.decode()


def test_published_measure_is_shown_before_the_second_step(client, coordinator, make_measure):
    measure = make_measure("a", Status.PUBLISHED, title="Village e-service points")
    confirmed_device(coordinator)
    client.force_login(coordinator)

    response = client.get(public_url(measure))

    assert response.status_code == 200
    assert BANNER not in response.content.decode()
