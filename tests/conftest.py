"""Shared fixtures: named personas and small catalogues built with factories."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from measures.models import Measure
from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory, RegionFactory

UNPUBLISHED_STATES = [state for state in Measure.Status if state != Measure.Status.PUBLISHED]

# Tests that start gunicorn, build databases of fixed names or share Redis database 0:
# when the suite runs on several workers (`make test` uses pytest-xdist with
# --dist loadgroup), they all run on one worker, one after the other.
PROCESS_TESTS = ("tests/deploy/", "tests/perf/test_two_instances.py", "tests/reliability/")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.startswith(PROCESS_TESTS):
            item.add_marker(pytest.mark.xdist_group("processes"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings_tox_suffix(tmp_path_factory):
    """On SQLite, the test database is a file in this run's temporary folder.

    Django's default for SQLite is one in-memory database whose single connection the
    live server's request threads share with the test thread; closing it from a
    request thread raises, and a request can wait on the test thread's transaction.
    With a file, every thread opens its own connection. Writes are not synced to
    disk: the file lives only as long as the run.
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.getbasetemp() / "test.sqlite3"
        )
        database.setdefault("OPTIONS", {})["init_command"] = (
            "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL"
        )


def read_taxonomy_into_cache():
    """What the first request after a change does once for every page and app server.

    It reads the regions, themes, target groups and partners (four queries) into
    the shared cache, where the facets and the measures' themes and target groups
    find them until the catalogue changes again. Query counts are pinned after it.
    """
    from measures.models.taxonomy import cached_taxonomy

    cached_taxonomy()


def read_list_bitmaps_into_cache():
    """What the first list requests after a change do once for every app server.

    They read the bitmaps of the published measures (three queries: the measures
    with their facet columns, newest first, their themes and their target groups)
    and each order of the list on its first use (one query each) into the shared
    cache and the process's memory (measures.catalogue.bitmaps), where the list's
    counts and pages find them until the catalogue changes again.
    """
    from measures.catalogue import bitmaps
    from measures.catalogue.filters import RATING_SORTS, SORTS, ordering

    bitmaps.current()
    for sort in [*SORTS, *RATING_SORTS]:
        if sort != "relevance":  # newest first, or ranked by the search
            bitmaps.order(sort, ordering(sort))


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language.

    A request activates its page's language in the thread and nothing resets it,
    so without this a test's `reverse()` would follow whatever page the test
    before it (on the same worker) asked for.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def site_url(settings):
    """The site's public address is the test client's host in every test.

    Absolute links start with SITE_URL (measures.site_url), so the links a test
    reads are the paths it can ask the client for. Tests of the address itself
    set another one.
    """
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def public_site(settings):
    """A public address other than the test client's host, for tests of absolute links."""
    settings.SITE_URL = "https://catalogue.example.org"
    return settings.SITE_URL


@pytest.fixture
def foreign_host():
    """A Host header Django accepts (an allowed host, another port) that no link may carry."""
    return "localhost:6666"


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no page or facet option left by another test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def region():
    return RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")


@pytest.fixture
def theme():
    return CategoryFactory(name="E-health and home care", slug="e-health-care")


@pytest.fixture
def published_measure(region, theme):
    return MeasureFactory(
        title="Remote home care unit",
        summary="Nurses visit older people at home by video as well as in person.",
        region=region,
        categories=[theme],
    )


@pytest.fixture
def measure_in_each_hidden_state(region, theme):
    """One measure per non-public state, all in the same region, theme and partner."""
    return {
        state: MeasureFactory(
            title=f"Hidden measure in state {state.label}",
            region=region,
            categories=[theme],
            status=state,
            published_at=None,
        )
        for state in UNPUBLISHED_STATES
    }


@pytest.fixture
def partner():
    return PartnerFactory(name="Regional Council of Päijät-Häme", slug="paijat-hame")
