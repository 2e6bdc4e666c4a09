"""The partners and coordinator of the back office (tests/review/conftest.py), for the commands."""

from tests.review.conftest import (  # noqa: F401
    coordinator,
    fast_password_hashing,
    lead_partner,
    partner_a,
    partner_b,
)
