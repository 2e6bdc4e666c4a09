"""Personas and measures of the transfer services: freshness, the contact relay, the dossier."""

import pytest

from tests.factories import PartnerFactory, RegionFactory, UserFactory
from tests.staff import create_staff_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def witeno():
    return PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno")


@pytest.fixture
def diba():
    return PartnerFactory(name="Diputació de Barcelona", short_name="DIBA", slug="diba")


@pytest.fixture
def witeno_region(witeno):
    return RegionFactory(name="Vorpommern-Greifswald", slug="vorpommern-greifswald", partner=witeno)


@pytest.fixture
def diba_region(diba):
    return RegionFactory(name="Vallès Occidental", slug="valles-occidental", partner=diba)


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


@pytest.fixture
def visitor_account():
    """Someone with an account but no role in the back office."""
    return UserFactory(username="vera")
