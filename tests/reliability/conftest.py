"""Shared set-up of the reliability tests: a bounded Hypothesis profile and a few personas.

The property-based tests run with the "ci" profile unless HYPOTHESIS_PROFILE
names another: 60 examples a test, no deadline (a request's time depends on
the machine), derandomised so a failure shows again on the next run, and no
example database written into the working tree. "thorough" tries many more
examples, from a random seed that Hypothesis prints on failure
(`HYPOTHESIS_PROFILE=thorough pytest tests/reliability`).
"""

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.factories import (
    CategoryFactory,
    MeasureLinkFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
)
from tests.staff import complete_measure, create_staff_user

# The examples of one test share its function-scoped fixtures (the catalogue, the
# signed-in client); each example rolls back what it writes.
SHARED_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=SHARED_FIXTURES,
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=SHARED_FIXTURES,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every persona gets a password hash; PBKDF2 would take half a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def own_partner():
    return PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno")


@pytest.fixture
def editor(own_partner):
    """An editor of WITENO, made as an operator makes one."""
    return create_staff_user("erika", own_partner, "editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def draft(own_partner):
    """A complete draft of the editor's partner, with one further link."""
    region = RegionFactory(name="Vorpommern-Greifswald", slug="vorpommern", partner=own_partner)
    measure = complete_measure(
        region, CategoryFactory(slug="e-services"), TargetGroupFactory(slug="older-people")
    )
    MeasureLinkFactory(measure=measure, title="Project page", position=0)
    return measure
