"""A partner and its region (tests/visitors/conftest.py), for pages that must stay cacheable."""

from tests.visitors.conftest import fast_password_hashing, witeno, witeno_region  # noqa: F401
