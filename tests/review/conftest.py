"""Personas of the back office: two partners with an editor each, a coordinator, a superuser.

The staff personas are made with the real `create_staff_user` command (tests/staff.py).
"""

import pytest

from tests.factories import (
    CategoryFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
    UserFactory,
)
from tests.staff import create_staff_user, measure_maker

# Partners and regions of the freshness reminders (tests/visitors/conftest.py).
from tests.visitors.conftest import diba, diba_region, witeno, witeno_region  # noqa: F401


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The factories hash a password for every user; PBKDF2 would take half a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Partners and reference data


@pytest.fixture
def partner_a():
    return PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno")


@pytest.fixture
def partner_b():
    return PartnerFactory(name="Diputació de Barcelona", short_name="DIBA", slug="diba")


@pytest.fixture
def lead_partner():
    return PartnerFactory(name="Lahti University", short_name="LUT", slug="lut")


@pytest.fixture
def region_a(partner_a):
    return RegionFactory(name="Vorpommern-Greifswald", partner=partner_a)


@pytest.fixture
def region_b(partner_b):
    return RegionFactory(name="Vallès Occidental", partner=partner_b)


@pytest.fixture
def theme():
    return CategoryFactory(name="E-services")


@pytest.fixture
def target_group():
    return TargetGroupFactory(name="Older people")


# Personas


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def editor(partner_a):
    """An editor of partner A."""
    return create_staff_user("erika", partner_a, "editor")


@pytest.fixture
def colleague(partner_a):
    """A second editor of partner A."""
    return create_staff_user("carl", partner_a, "editor")


@pytest.fixture
def other_editor(partner_b):
    """An editor of partner B."""
    return create_staff_user("oskar", partner_b, "editor")


@pytest.fixture
def coordinator(lead_partner):
    return create_staff_user("cora", lead_partner, "coordinator")


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def persona(request):
    """The persona named by the test's `role` parameter; None for anonymous."""
    return request.getfixturevalue(request.param)


# Measures


@pytest.fixture
def make_measure(region_a, region_b, theme, target_group):
    """make_measure(partner="a" or "b", status=..., **fields) → a complete measure."""
    return measure_maker(region_a, region_b, theme, target_group)
