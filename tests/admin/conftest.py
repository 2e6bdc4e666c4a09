"""The personas of the back office (tests/review/conftest.py) and their measures, for the admin."""

import pytest

from tests.factories import CategoryFactory
from tests.review.conftest import (  # noqa: F401
    anonymous,
    colleague,
    coordinator,
    editor,
    fast_password_hashing,
    lead_partner,
    other_editor,
    partner_a,
    partner_b,
    persona,
    region_a,
    region_b,
    superuser,
    target_group,
)
from tests.staff import measure_maker

# Partners and regions of the verification in the admin (tests/visitors/conftest.py).
from tests.visitors.conftest import diba, diba_region, witeno, witeno_region  # noqa: F401


@pytest.fixture
def make_measure(region_a, region_b, target_group):  # noqa: F811 (fixtures imported above)
    """make_measure(partner="a" or "b", status=..., **fields) → a complete measure of the
    theme "E-services", as in the review tests; here `theme` stays the shared one of
    tests/conftest.py, which the admin's own tests use."""
    theme = CategoryFactory(name="E-services")
    return measure_maker(region_a, region_b, theme, target_group)
