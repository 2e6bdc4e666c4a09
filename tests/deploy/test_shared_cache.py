"""Without Redis, gunicorn's workers share one cache: a change is seen at once by all.

Production settings without REDIS_URL, SQLite, two gunicorn workers. A published
measure's page, API answer and the feed are asked for until they are cached;
then the measure is archived from another process, through the workflow that
moves the content version on, and no worker shows the measure again.
"""

import os
import signal
import sqlite3
import subprocess
import textwrap

import pytest

from tests.deploy.conftest import (
    PYTHON,
    ROOT,
    free_port,
    manage,
    production_env,
    request,
    run,
    wait_until_serving,
)

pytestmark = pytest.mark.django_db(databases=[])

TITLE = "Village e-service points"
SLUG = "village-e-service-points"
PAGE = f"/en/measures/{SLUG}/"
API = f"/api/measures/{SLUG}/"
FEED = "/en/measures/feed/"
ASKED = 4

CREATE = textwrap.dedent(
    f"""
    import django
    django.setup()
    from tests.factories import MeasureFactory
    MeasureFactory(title="{TITLE}", slug="{SLUG}")
    """
)
ARCHIVE = textwrap.dedent(
    f"""
    import django
    django.setup()
    from django.contrib.auth import get_user_model
    from measures.models import Measure
    from measures.review import workflow
    operator = get_user_model().objects.create_superuser("operator", "op@example.org", "x")
    workflow.transition(Measure.objects.get(slug="{SLUG}"), "archived", operator)
    """
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated SQLite database with one published measure, served by two workers."""
    tmp_path = tmp_path_factory.mktemp("shared-cache")
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=None,
        # No collectstatic: the container test covers the manifest storage.
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_TIMEOUT="20",
    )
    manage("migrate", "--noinput", "-v", "0", env=env, check=True)
    run([PYTHON, "-c", CREATE], env=env, check=True)
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "next2met/gunicorn.conf.py", "next2met.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_serving(port, process, log)
        yield {"port": port, "env": env, "database": tmp_path / "db.sqlite3"}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def answers(port):
    """What the page, the API answer and the feed say, each asked ASKED times."""
    found = []
    for _ in range(ASKED):
        for path in (PAGE, API, FEED):
            response, body = request(port, path)
            found.append((path, response.status, TITLE.encode() in body, response))
    return found


def test_migrate_makes_the_shared_cache_table(site):
    with sqlite3.connect(site["database"]) as database:
        tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master")}

    assert "n2m_cache" in tables


def test_an_archived_measure_disappears_from_every_worker_at_once(site):
    before = answers(site["port"])
    assert {(path, status, shown) for path, status, shown, _ in before} == {
        (PAGE, 200, True),
        (API, 200, True),
        (FEED, 200, True),
    }
    # Served from the cache by now, not made anew each time.
    assert any(response.getheader("X-Page-Cache") == "hit" for *_, response in before)

    run([PYTHON, "-c", ARCHIVE], env=site["env"], check=True)

    after = answers(site["port"])
    assert {(path, status, shown) for path, status, shown, _ in after} == {
        (PAGE, 404, False),
        (API, 404, False),
        (FEED, 200, False),
    }
