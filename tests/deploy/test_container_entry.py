"""The image's entry command, run as the container would run it, without Docker.

`docker/entrypoint.sh` migrates a fresh SQLite database (RUN_MIGRATIONS=1) and
starts gunicorn with next2met/gunicorn.conf.py and production settings, on a
free port of 127.0.0.1; the tests then ask it for pages and static files the
way the proxy in front of it would.
"""

import json
import os
import re
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.deploy.conftest import (
    PYTHON,
    ROOT,
    closed_port,
    free_port,
    manage,
    production_env,
    request,
    run,
    wait_until_serving,
)

pytestmark = pytest.mark.django_db(databases=[])

ENTRYPOINT = str(ROOT / "docker" / "entrypoint.sh")
GUNICORN_CMD = ["gunicorn", "--config", "next2met/gunicorn.conf.py", "next2met.wsgi"]
FAR_FUTURE = "max-age=315360000, public, immutable"
HSTS = "max-age=31536000; includeSubDomains; preload"


def container_env(tmp, port):
    return production_env(
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_ALLOWED_HOSTS="catalogue.example.org,127.0.0.1",
        REDIS_URL=None,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_TIMEOUT="20",
        GUNICORN_FORWARDED_ALLOW_IPS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
    )


@pytest.fixture(scope="module")
def container(tmp_path_factory):
    """collectstatic (the image build), then the entry point with RUN_MIGRATIONS=1."""
    tmp = tmp_path_factory.mktemp("container")
    port = free_port()
    env = container_env(tmp, port)
    manage("collectstatic", "--noinput", "-v", "0", env=env, check=True)
    log = tmp / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [ENTRYPOINT, *GUNICORN_CMD, "--no-control-socket"],
            cwd=ROOT,
            env={**env, "RUN_MIGRATIONS": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_serving(port, process, log)
        yield {"port": port, "tmp": tmp, "process": process, "log": log, "env": env}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_entry_point_migrated_the_database_before_starting(container):
    with sqlite3.connect(container["tmp"] / "db.sqlite3") as database:
        applied = {
            (app, name) for app, name in database.execute("SELECT app, name FROM django_migrations")
        }

    assert ("measures", "0001_initial") in applied
    assert ("axes", "0001_initial") in applied
    assert ("otp_totp", "0001_initial") in applied


def test_entry_point_made_the_cache_table_the_workers_share(container):
    with sqlite3.connect(container["tmp"] / "db.sqlite3") as database:
        tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master")}

    assert "n2m_cache" in tables


def test_gunicorn_serves_the_home_page_with_production_headers(container):
    response, body = request(container["port"], "/en/")

    assert response.status == 200
    assert b'<main id="main-content"' in body
    assert response.getheader("Strict-Transport-Security") == HSTS
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Permissions-Policy").startswith("accelerometer=()")
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"


def test_plain_http_is_redirected_to_https(container):
    response, _body = request(container["port"], "/en/", proxied=False)

    assert response.status == 301
    assert response.getheader("Location") == "https://catalogue.example.org/en/"


def test_health_check_answers_over_plain_http_inside_the_container(container):
    response, body = request(container["port"], "/healthz", proxied=False)

    assert response.status == 200
    assert json.loads(body) == {
        "status": "ok",
        "mail_waiting": 0,
        "mail_oldest_waiting_seconds": None,
        "mail_failed": 0,
    }


def hashed_stylesheet(port):
    _response, body = request(port, "/en/")
    match = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert match, "the page should link the stylesheet under its hashed name"
    return match.group(1).decode()


def test_hashed_static_files_are_cached_for_ever(container):
    path = hashed_stylesheet(container["port"])

    response, body = request(container["port"], path)

    assert response.status == 200
    assert response.getheader("Cache-Control") == FAR_FUTURE
    assert response.getheader("Content-Type").startswith("text/css")
    assert b".site-header" in body


def test_static_files_are_sent_compressed_to_browsers_that_accept_it(container):
    path = hashed_stylesheet(container["port"])

    response, _body = request(container["port"], path, {"Accept-Encoding": "gzip"})

    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Cache-Control") == FAR_FUTURE


def test_unhashed_static_names_are_cached_only_briefly(container):
    response, _body = request(container["port"], "/static/css/site.css")

    assert response.status == 200
    assert response.getheader("Cache-Control") == "max-age=60, public"


def test_media_files_are_not_served_by_django_in_production(container):
    media = container["tmp"] / "media" / "measures"
    media.mkdir(parents=True, exist_ok=True)
    (media / "photo.jpg").write_bytes(b"not served")

    response, _body = request(container["port"], "/media/measures/photo.jpg")

    assert response.status == 404


def test_unknown_page_is_the_sites_404_in_production(container):
    response, body = request(container["port"], "/en/no-such-page/")

    assert response.status == 404
    assert b"This page does not exist" in body
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")


def test_worker_count_comes_from_the_environment(container):
    master = container["process"].pid
    children = [stat for stat in Path("/proc").glob("[0-9]*/stat") if _parent_of(stat) == master]

    assert len(children) == 2


def _parent_of(stat_file):
    try:
        # pid (comm) state ppid …; comm may hold spaces, so split after its ")".
        return int(stat_file.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def test_the_images_health_check_script_passes_while_the_app_is_up(container):
    env = {**container["env"], "GUNICORN_BIND": f"0.0.0.0:{container['port']}"}

    result = run([PYTHON, "docker/healthcheck.py"], env=env, timeout=30)

    assert result.returncode == 0


def test_the_images_health_check_script_fails_when_nothing_answers(container):
    env = {**container["env"], "GUNICORN_BIND": f"0.0.0.0:{closed_port()}"}

    result = run([PYTHON, "docker/healthcheck.py"], env=env, timeout=30)

    assert result.returncode == 1


def test_entry_point_does_not_migrate_unless_asked(tmp_path):
    env = container_env(tmp_path, free_port())

    result = run([ENTRYPOINT, "python", "-c", "print('command ran')"], env=env, timeout=60)

    assert result.returncode == 0
    assert result.stdout.strip() == "command ran"
    assert not (tmp_path / "db.sqlite3").exists()


def test_dockerfile_builds_static_files_and_runs_gunicorn_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.M)
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER next2met$", dockerfile, re.M)
    assert re.search(
        r"^HEALTHCHECK .*\n\s+CMD \[\"python\", \"docker/healthcheck.py\"\]", dockerfile, re.M
    )
    assert 'ENTRYPOINT ["docker/entrypoint.sh"]' in dockerfile
    assert f"CMD {GUNICORN_CMD!r}".replace("'", '"') in dockerfile
    # Dependencies are installed before the code is copied, so they stay a cached layer.
    assert dockerfile.index("pip install .") < dockerfile.index("COPY . .")
