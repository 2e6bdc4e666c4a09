"""Two app servers behind one PostgreSQL database and one Redis see every change at once.

The test builds a database of its own (next2met_two_instances, dropped at the
end), starts two gunicorn instances with production settings on free ports,
both caching pages in the same Redis under a key prefix of their own, and
publishes and unpublishes a measure through the review workflow in a separate
process, as an editor's request to either server would. Each change must show
on both servers at the very next request, although both had the list cached.

It needs PostgreSQL and Redis on this machine (N2M_TEST_PG_SERVER and
N2M_TEST_REDIS_URL say where) and is skipped when they do not answer. Every
step has a time limit; the whole test takes well under two minutes.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = os.environ.get("N2M_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("N2M_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
DATABASE = "next2met_two_instances"
GUNICORN = Path(sys.executable).with_name("gunicorn")
LIST = "/en/measures/"

SETUP = """
from django.contrib.auth import get_user_model
from measures.models import Category, Measure, Region, TargetGroup
from partners.models import Partner

partner = Partner.objects.create(name="WITENO GmbH", short_name="WITENO", slug="witeno",
                                 country="DE", city="Greifswald")
region = Region.objects.create(name="Vorpommern-Greifswald", slug="vorpommern-greifswald",
                               country="DE", nuts_code="DE80O", partner=partner)
theme = Category.objects.create(name="E-services", slug="e-services")
group = TargetGroup.objects.create(name="Older people", slug="older-people")
for title, status in [("Alpha village e-service points", "published"),
                      ("Bravo digital village assistants", "draft")]:
    measure = Measure.objects.create(
        title=title, summary="Volunteers help neighbours use e-services.",
        description="Weekly open hours in village halls.", problem="Offices are far away.",
        implementation="running", start_year=2022, region=region, partner=partner,
        status=status)
    measure.categories.set([theme])
    measure.target_groups.set([group])
get_user_model().objects.create_superuser("root", "root@example.org", "unused-password-1")
"""

TRANSITION = """
from django.contrib.auth import get_user_model
from measures.review import workflow
from measures.models import Measure

user = get_user_model().objects.get(username="root")
for state in {states!r}:
    workflow.transition(Measure.objects.get(slug={slug!r}), state, user)
"""


def _reachable():
    try:
        import psycopg
        import redis

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:
        return str(error)
    return None


def _admin_sql(statement):
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(statement)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path, timeout=10):
    """(status, headers, body) of GET http://127.0.0.1:port/path; no redirects followed."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class Servers:
    def __init__(self, env, log_dir):
        self.env, self.log_dir, self.processes, self.ports = env, log_dir, [], []

    def manage(self, *args, timeout=180):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start(self, count):
        for n in range(count):
            port = _free_port()
            log = open(Path(self.log_dir) / f"gunicorn-{n}.log", "w")  # noqa: SIM115
            command = [
                str(GUNICORN),
                "--config",
                "next2met/gunicorn.conf.py",
                "--no-control-socket",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "next2met.wsgi",
            ]
            process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
            self.processes.append((process, log))
            self.ports.append(port)
        deadline = time.monotonic() + 30
        for port in self.ports:
            while True:
                try:
                    if _get(port, "/healthz", timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, self.logs()
                time.sleep(0.2)

    def logs(self):
        return "\n".join(path.read_text()[-3000:] for path in Path(self.log_dir).glob("*.log"))

    def stop(self):
        for process, _ in self.processes:
            process.terminate()
        for process, log in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            log.close()


@pytest.fixture
def servers():
    problem = _reachable()
    if problem:
        pytest.skip(f"PostgreSQL or Redis not reachable: {problem}")
    import redis

    prefix = f"n2m-two-instances-{secrets.token_hex(4)}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_", "N2M_"))
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost",
        # Plain HTTP on the loopback interface: no HTTPS redirect.
        DJANGO_SECURE_HTTPS="false",
        # No collectstatic: the pages name their files without hashes.
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"{PG_SERVER}/{DATABASE}",
        REDIS_URL=REDIS_URL,
        REDIS_KEY_PREFIX=prefix,
    )
    _admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{DATABASE}"')
    with tempfile.TemporaryDirectory() as log_dir:
        group = Servers(env, log_dir)
        try:
            group.manage("migrate", "--noinput")
            group.manage("shell", "--no-imports", "-c", SETUP, timeout=60)
            group.start(2)
            yield group
        finally:
            group.stop()
            _admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(f"{prefix}:*", count=1000):
                client.delete(key)


def lists(servers):
    """The measure list of each server: [(status, X-Page-Cache, html)]."""
    pages = [_get(port, LIST) for port in servers.ports]
    return [(status, headers.get("X-Page-Cache"), html) for status, headers, html in pages]


def detail_statuses(servers, slug):
    return [_get(port, f"/en/measures/{slug}/")[0] for port in servers.ports]


def transition(servers, slug, *states):
    servers.manage(
        "shell", "--no-imports", "-c", TRANSITION.format(slug=slug, states=states), timeout=60
    )


def test_a_change_made_through_one_instance_shows_on_both_at_the_next_request(servers):
    alpha, bravo = "alpha-village-e-service-points", "bravo-digital-village-assistants"
    lists(servers)  # fill both caches
    before = lists(servers)
    assert [(status, cache) for status, cache, _ in before] == [(200, "hit"), (200, "hit")]
    assert all("Alpha village" in html and "Bravo digital" not in html for *_, html in before)
    assert detail_statuses(servers, bravo) == [404, 404]

    transition(servers, bravo, "submitted", "published")

    published = lists(servers)
    assert all("Bravo digital village assistants" in html for *_, html in published), servers.logs()
    assert detail_statuses(servers, bravo) == [200, 200]

    transition(servers, alpha, "archived")

    unpublished = lists(servers)
    assert all("Alpha village" not in html for *_, html in unpublished)
    assert all("Bravo digital" in html for *_, html in unpublished)
    assert detail_statuses(servers, alpha) == [404, 404]
