"""`create_staff_user` and the permission groups it puts people in."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from measures.review.groups import COORDINATORS, EDITORS, EXPERTS, ensure_groups
from partners.models import Membership

pytestmark = pytest.mark.django_db

User = get_user_model()


def create_staff_user(*args, **options):
    out = StringIO()
    call_command("create_staff_user", *args, no_input=True, stdout=out, **options)
    return out.getvalue()


def group_names(user):
    return sorted(user.groups.values_list("name", flat=True))


def test_creates_an_editor_who_can_sign_in_to_the_admin(partner_a):
    output = create_staff_user("anna", email="anna@example.org", partner="witeno")

    anna = User.objects.get(username="anna")
    assert anna.is_staff
    assert not anna.is_superuser
    assert anna.email == "anna@example.org"
    assert not anna.has_usable_password()
    assert group_names(anna) == [EDITORS]
    membership = Membership.objects.get(user=anna)
    assert (membership.partner, membership.role) == (partner_a, Membership.Role.EDITOR)
    assert "Created editor anna of WITENO GmbH." in output
    assert "manage.py changepassword anna" in output


def test_creates_a_coordinator_in_the_coordinators_group(lead_partner):
    create_staff_user("cora", email="cora@example.org", partner="lut", role="coordinator")

    cora = User.objects.get(username="cora")
    assert group_names(cora) == [COORDINATORS]
    assert Membership.objects.get(user=cora).role == Membership.Role.COORDINATOR


def test_running_it_again_duplicates_nothing(partner_a):
    create_staff_user("anna", email="anna@example.org", partner="witeno")

    output = create_staff_user("anna", email="anna@new.example.org", partner="witeno")

    assert User.objects.filter(username="anna").count() == 1
    anna = User.objects.get(username="anna")
    assert anna.email == "anna@new.example.org"
    assert Membership.objects.filter(user=anna).count() == 1
    assert group_names(anna) == [EDITORS]
    assert "Updated editor anna" in output


def test_running_it_again_keeps_the_password(partner_a):
    create_staff_user("anna", email="anna@example.org", partner="witeno")
    anna = User.objects.get(username="anna")
    anna.set_password("a long and private passphrase")
    anna.save()

    create_staff_user("anna", email="anna@example.org", partner="witeno")

    anna.refresh_from_db()
    assert anna.check_password("a long and private passphrase")


def test_running_it_again_with_another_partner_adds_a_membership(partner_a, partner_b):
    create_staff_user("anna", email="anna@example.org", partner="witeno")

    create_staff_user("anna", email="anna@example.org", partner="diba")

    anna = User.objects.get(username="anna")
    assert sorted(anna.memberships.values_list("partner__slug", flat=True)) == ["diba", "witeno"]


def test_running_it_again_with_another_role_changes_the_membership(partner_a):
    create_staff_user("anna", email="anna@example.org", partner="witeno")

    create_staff_user("anna", email="anna@example.org", partner="witeno", role="coordinator")

    anna = User.objects.get(username="anna")
    assert Membership.objects.get(user=anna).role == Membership.Role.COORDINATOR
    assert COORDINATORS in group_names(anna)


def test_unknown_partner_slug_is_refused_with_the_known_slugs(partner_a, partner_b):
    with pytest.raises(CommandError) as error:
        create_staff_user("anna", email="anna@example.org", partner="witenoo")

    assert "No partner with slug 'witenoo'" in str(error.value)
    assert "Known: diba, witeno." in str(error.value)
    assert not User.objects.filter(username="anna").exists()


def test_unknown_partner_slug_without_any_partner_says_so():
    with pytest.raises(CommandError, match="Known: none yet"):
        create_staff_user("anna", email="anna@example.org", partner="witeno")


def test_unknown_role_is_refused(partner_a):
    with pytest.raises(CommandError, match="invalid choice: 'admin'"):
        call_command(
            "create_staff_user",
            "anna",
            "--email=anna@example.org",
            "--partner=witeno",
            "--role=admin",
            "--no-input",
        )

    assert not User.objects.filter(username="anna").exists()


def permissions_of(name):
    group = Group.objects.get(name=name)
    return sorted(
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    )


def test_ensure_groups_is_idempotent():
    ensure_groups()
    first = {name: permissions_of(name) for name in (EDITORS, COORDINATORS)}

    ensure_groups()

    assert Group.objects.filter(name__in=[EDITORS, COORDINATORS]).count() == 2
    assert {name: permissions_of(name) for name in (EDITORS, COORDINATORS)} == first


def test_ensure_groups_restores_permissions_removed_or_added_by_hand():
    ensure_groups()
    editors = Group.objects.get(name=EDITORS)
    expected = permissions_of(EDITORS)
    editors.permissions.clear()
    editors.permissions.add(*Group.objects.get(name=COORDINATORS).permissions.all())

    ensure_groups()

    assert permissions_of(EDITORS) == expected


def test_editors_may_not_change_regions_or_themes():
    ensure_groups()

    granted = permissions_of(EDITORS)

    assert "measures.view_region" in granted
    assert not {
        "measures.add_region",
        "measures.change_region",
        "measures.delete_region",
        "measures.change_category",
        "measures.change_targetgroup",
        "partners.change_partner",
        "partners.view_membership",
    } & set(granted)


def test_editors_work_on_measures_and_their_links():
    ensure_groups()

    granted = set(permissions_of(EDITORS))

    assert {
        "measures.view_measure",
        "measures.add_measure",
        "measures.change_measure",
        "measures.add_measurelink",
        "measures.change_measurelink",
    } <= granted


def test_a_created_editor_can_open_the_admin_and_the_measure_list(client, partner_a):
    create_staff_user("anna", email="anna@example.org", partner="witeno")
    client.force_login(User.objects.get(username="anna"))

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/measures/measure/").status_code == 200
    assert client.get("/admin/measures/region/").status_code == 200
    assert client.get("/admin/measures/region/add/").status_code == 403


# Experts are independent: no partner's member gives opinions


def test_an_editor_is_not_made_an_expert(partner_b):
    create_staff_user("eddiba", email="eddiba@example.org", partner="diba", role="editor")

    with pytest.raises(CommandError) as error:
        create_staff_user("eddiba", email="eddiba@example.org", role="expert")

    assert "eddiba is a member of DIBA" in str(error.value)
    eddiba = User.objects.get(username="eddiba")
    assert group_names(eddiba) == [EDITORS]
    assert Membership.objects.filter(user=eddiba).count() == 1


def test_a_coordinator_is_not_made_an_expert(lead_partner):
    create_staff_user("cora", email="cora@example.org", partner="lut", role="coordinator")

    with pytest.raises(CommandError, match="cora is a member of LUT"):
        create_staff_user("cora", email="cora@example.org", role="expert")

    assert EXPERTS not in group_names(User.objects.get(username="cora"))


@pytest.mark.parametrize("role", ["editor", "coordinator"])
def test_an_expert_is_not_made_a_partners_member(partner_b, role):
    create_staff_user("maria", email="maria@example.org", role="expert")

    with pytest.raises(CommandError) as error:
        create_staff_user("maria", email="maria@example.org", partner="diba", role=role)

    assert "maria is an expert" in str(error.value)
    maria = User.objects.get(username="maria")
    assert group_names(maria) == [EXPERTS]
    assert not Membership.objects.filter(user=maria).exists()


def test_running_it_again_for_an_expert_keeps_the_expert(partner_b):
    create_staff_user("maria", email="maria@example.org", role="expert")

    output = create_staff_user("maria", email="maria@new.example.org", role="expert")

    assert "Updated expert maria" in output
    assert group_names(User.objects.get(username="maria")) == [EXPERTS]
