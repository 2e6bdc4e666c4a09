"""The back office's personas (tests/review/conftest.py), for the staff guide's tests."""

from tests.review.conftest import (  # noqa: F401
    coordinator,
    editor,
    fast_password_hashing,
    lead_partner,
    partner_a,
)
