"""Who is who in the back office, answered by measures.review.permissions alone."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from measures.review import permissions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "reviews", "works_on_measures"),
    [
        ("anonymous", False, False),
        ("editor", False, True),
        ("other_editor", False, True),
        ("coordinator", True, True),
        ("superuser", False, True),
    ],
    indirect=["persona"],
)
def test_roles_of_each_persona(persona, reviews, works_on_measures):
    assert permissions.is_coordinator(persona) is reviews
    assert permissions.works_on_measures(persona) is works_on_measures


def test_an_editor_works_on_their_own_partners_measures(editor, partner_a):
    assert permissions.own_partner_ids(editor) == {partner_a.pk}


def test_coordinators_and_editors_to_notify_leave_out_the_inactive_and_the_unreachable(
    editor, colleague, other_editor, coordinator, partner_a
):
    colleague.is_active = False
    colleague.save()
    other_editor.email = ""
    other_editor.save()

    assert list(permissions.editors_of(partner_a)) == [editor]
    assert list(permissions.coordinators()) == [coordinator]


def test_a_password_alone_is_not_a_full_sign_in_for_someone_with_an_app(coordinator, settings):
    settings.N2M_REQUIRE_2FA_FOR_COORDINATORS = False
    assert permissions.is_fully_signed_in(coordinator)

    TOTPDevice.objects.create(user=coordinator, name="Authenticator app", confirmed=True)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)

    assert permissions.must_pass_second_step(coordinator)
    assert not permissions.is_fully_signed_in(coordinator)


def test_coordinators_owe_the_second_step_while_the_setting_asks_for_it(
    coordinator, editor, settings
):
    settings.N2M_REQUIRE_2FA_FOR_COORDINATORS = True

    assert not permissions.is_fully_signed_in(coordinator)
    assert permissions.is_fully_signed_in(editor)
