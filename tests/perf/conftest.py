"""Fixtures of the performance tests: a page cache of their own and the people who read it."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from measures.models import Measure
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
)
from tests.staff import create_staff_user

LIST_URL = "/en/measures/"
LOCAL_MEMORY = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "performance-tests",
    }
}


@pytest.fixture(autouse=True)
def page_cache():
    """A local-memory cache with the page cache on, empty at the start of each test."""
    with override_settings(CACHES=LOCAL_MEMORY, N2M_PAGE_CACHE_TIMEOUT=600):
        cache.clear()
        yield cache
        cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def partner():
    return PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno")


@pytest.fixture
def region(partner):
    return RegionFactory(
        name="Vorpommern-Greifswald", slug="vorpommern-greifswald", partner=partner
    )


@pytest.fixture
def theme():
    return CategoryFactory(name="E-services", slug="e-services")


@pytest.fixture
def target_group():
    return TargetGroupFactory(name="Older people", slug="older-people")


@pytest.fixture
def published(region, theme, target_group):
    return MeasureFactory(
        title="Village e-service points",
        region=region,
        categories=[theme],
        target_groups=[target_group],
    )


@pytest.fixture
def draft(region, theme, target_group):
    return MeasureFactory(
        title="Digital village assistants",
        region=region,
        categories=[theme],
        target_groups=[target_group],
        status=Measure.Status.DRAFT,
        published_at=None,
        description="Trained volunteers hold weekly open hours in village halls.",
        problem="Older people in villages cannot reach the town offices.",
    )


@pytest.fixture
def coordinator():
    return create_staff_user(
        "cora", PartnerFactory(name="Lahti University", slug="lut"), "coordinator"
    )


@pytest.fixture
def editor(partner):
    return create_staff_user("erika", partner, "editor")
