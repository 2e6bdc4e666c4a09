"""A real database outage under load: the friendly 503 at once, recovery without a restart.

gunicorn with the production settings serves the seed catalogue from a private
PostgreSQL cluster (tests/reliability/processes.py) while four clients keep
asking for pages: two the page cache holds, and pages it cannot answer (a new
query string every time, the health check, the API). The cluster is stopped for
OUTAGE_SECONDS and started again; gunicorn is not touched.

While it is down every answer is either a page from the page cache (200) or the
friendly 503 page with Retry-After, each within the connect timeout; an admin
action attempted then gets the 503 page too. Once the database is back the
pages answer 200 again by themselves, and what the admin committed before the
outage is all there. Run by `make reliability`; the figures are printed.
"""

import http.client
import json
import os
import re
import textwrap
import threading
import time
from collections import Counter
from urllib.parse import urlencode

import pytest

from tests.deploy.conftest import PYTHON, production_env, run
from tests.reliability.processes import (
    Gunicorn,
    PrivatePostgres,
    postgres_bin,
    prepare_catalogue,
    wait_for,
)

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.timeout(900),
    pytest.mark.django_db(databases=[]),
]

PG_PORT, APP_PORT = 8109, 8104
OUTAGE_SECONDS = 10
CONNECT_TIMEOUT = 2
CLIENTS = 4
HOST = "catalogue.example.org"
FRIENDLY = "The catalogue is briefly unavailable"
CACHED = ["/en/", "/en/measures/"]
REDIS_URL = "redis://127.0.0.1:6379/0"

SET_UP = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from measures.models import Measure

    operator = get_user_model().objects.create_superuser(
        "operator", "operator@example.org", "a long and unguessable password 7"
    )
    session = SessionStore()
    session[SESSION_KEY] = str(operator.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = operator.get_session_auth_hash()
    session.create()
    waiting = list(Measure.objects.published().order_by("pk").values_list("pk", flat=True)[:3])
    Measure.objects.filter(pk__in=waiting).update(status="submitted")
    print(json.dumps({"session": session.session_key, "waiting": waiting}))
    """
)


def send(path, method="GET", body=None, headers=None, timeout=30):
    """(status, headers, text, seconds) of one request, as the TLS proxy passes it on."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=timeout)
    sent = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"}
    sent.update(headers or {})
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        return response.status, response.headers, text, time.monotonic() - started
    finally:
        connection.close()


class Admin:
    """The operator's browser: a signed-in session and the CSRF token of the change form."""

    def __init__(self, session_key, measure_id):
        self.cookies = {"sessionid": session_key}
        status, headers, html, _ = send(
            f"/admin/measures/measure/{measure_id}/change/", headers=self._cookie_header()
        )
        assert status == 200, html[:2000]
        for value in headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def _cookie_header(self):
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in getattr(self, "cookies", {}).items())}

    def move(self, measure_id, to_status, comment=""):
        path = f"/admin/measures/measure/{measure_id}/transition/"
        body = urlencode(
            {"csrfmiddlewaretoken": self.token, "to_status": to_status, "comment": comment}
        )
        headers = {
            **self._cookie_header(),
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/admin/measures/measure/{measure_id}/change/",
        }
        return send(path, method="POST", body=body, headers=headers)


class Visitors:
    """CLIENTS threads asking for pages in turn until stopped; every answer is recorded."""

    def __init__(self):
        self.records = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._visit, args=(n,)) for n in range(CLIENTS)]

    def _paths(self, client, count):
        return [
            CACHED[count % 2],
            f"/en/measures/?q=care&visit={client}-{count}",
            "/healthz",
            f"/en/regions/paijat-hame/?visit={client}-{count}",
            f"/api/measures/?visit={client}-{count}",
        ]

    def _visit(self, client):
        count = 0
        while not self.stop.is_set():
            count += 1
            for path in self._paths(client, count):
                started = time.monotonic()
                try:
                    status, headers, text, seconds = send(path)
                    record = {
                        "path": path,
                        "status": status,
                        "seconds": seconds,
                        "cache": headers.get("X-Page-Cache", ""),
                        "retry_after": headers.get("Retry-After"),
                        "friendly": FRIENDLY in text,
                        "traceback": "Traceback" in text,
                    }
                except OSError as error:
                    record = {"path": path, "status": None, "error": repr(error), "seconds": 0}
                record.update(started=started, finished=time.monotonic())
                with self.lock:
                    self.records.append(record)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def between(self, start, end):
        with self.lock:
            return [r for r in self.records if r["started"] >= start and r["finished"] <= end]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not postgres_bin("initdb"):
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    tmp = tmp_path_factory.mktemp("outage")
    database = PrivatePostgres(PG_PORT)
    prefix = f"n2m-outage-{os.getpid()}"
    server = None
    try:
        database.start()
        database.create_database()
        env = production_env(
            DATABASE_URL=database.url,
            DATABASE_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
            DJANGO_ALLOWED_HOSTS=HOST,
            DJANGO_STATIC_ROOT=str(tmp / "static"),
            REDIS_URL=REDIS_URL,
            REDIS_KEY_PREFIX=prefix,
            GUNICORN_WORKERS="2",
            GUNICORN_TIMEOUT="30",
        )
        prepare_catalogue(env, str(tmp / "static"))
        result = run([PYTHON, "-c", SET_UP], env=env, timeout=120, check=True)
        created = json.loads(result.stdout.strip().splitlines()[-1])
        server = Gunicorn(env, APP_PORT, tmp / "gunicorn.log")
        if not wait_for(lambda: _answers(200), 60):
            pytest.fail("gunicorn did not start:\n" + (tmp / "gunicorn.log").read_text()[-4000:])
        yield {"database": database, "server": server, "log": tmp / "gunicorn.log", **created}
    finally:
        if server is not None:
            server.stop()
        database.remove()
        _forget(prefix)


def _answers(expected):
    try:
        return send("/healthz", timeout=5)[0] == expected
    except OSError:
        return False


def _forget(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(key)


def summary(records):
    statuses = Counter(str(r["status"]) for r in records)
    slowest = max((r["seconds"] for r in records), default=0)
    return {"requests": len(records), "statuses": dict(statuses), "max_seconds": round(slowest, 3)}


def test_a_ten_second_outage_gives_the_friendly_503_and_the_site_recovers_by_itself(site):
    database, server = site["database"], site["server"]
    published, sent_back, attempted = site["waiting"]
    gunicorn_pid = server.process.pid
    admin = Admin(site["session"], attempted)
    # Committed before the outage: one measure published, one sent back with a reason.
    assert admin.move(published, "published")[0] == 302
    assert admin.move(sent_back, "changes_requested", "Add the figures of 2024.")[0] == 302
    for path in CACHED:
        send(path)
        assert send(path)[1].get("X-Page-Cache") == "hit"

    with Visitors() as visitors:
        time.sleep(3)
        down_from = time.monotonic()
        database.stop()
        down = time.monotonic()
        time.sleep(3)
        admin_during = admin.move(attempted, "published")
        time.sleep(max(0, OUTAGE_SECONDS - (time.monotonic() - down_from)))
        restart = time.monotonic()
        database.start()
        up = time.monotonic()
        recovered = wait_for(lambda: _answers(200), 30, step=0.05)
        recovered_at = time.monotonic()
        time.sleep(3)
        end = time.monotonic()

    before = visitors.between(0, down_from)
    during = visitors.between(down, restart)
    after = visitors.between(recovered_at, end)
    everything = visitors.between(0, end)
    first_success = min(
        (
            r["finished"]
            for r in visitors.between(up, end)
            if r["status"] == 200 and r["path"] == "/healthz"
        ),
        default=None,
    )
    figures = {
        "outage_seconds": round(up - down_from, 1),
        "stop_seconds": round(down - down_from, 2),
        "start_seconds": round(up - restart, 2),
        "before": summary(before),
        "during": summary(during),
        "during_cache_hits": sum(r.get("cache") == "hit" for r in during),
        "after": summary(after),
        "recovery_seconds": round(first_success - up, 2) if first_success else None,
        "admin_during_outage": admin_during[0],
        "admin_during_outage_seconds": round(admin_during[3], 3),
    }
    print("\nDATABASE OUTAGE " + json.dumps(figures))

    assert recovered, "the site did not recover within 30 s of the database's restart"
    assert server.running()
    assert server.process.pid == gunicorn_pid
    # No connection refused or cut, and never the 500 page, at any moment.
    assert [r for r in everything if r["status"] is None] == []
    assert not [r for r in everything if r["status"] == 500 or r.get("traceback")]
    assert {r["status"] for r in before} == {200}
    # During the outage: a cached page, or the friendly 503 with Retry-After, quickly.
    assert len(during) >= 10
    assert {r["status"] for r in during} <= {200, 503}
    assert all(r.get("cache") == "hit" for r in during if r["status"] == 200)
    pages_503 = [r for r in during if r["status"] == 503 and r["path"] != "/healthz"]
    assert pages_503
    assert all(r["friendly"] and r["retry_after"] == "30" for r in pages_503)
    assert figures["during"]["max_seconds"] < CONNECT_TIMEOUT + 3
    # The admin action during the outage was answered with the 503 page.
    assert admin_during[0] == 503
    assert FRIENDLY in admin_during[2]
    # Back without a restart of gunicorn, and everything answers again.
    assert figures["recovery_seconds"] is not None
    assert figures["recovery_seconds"] < 10
    assert {r["status"] for r in after} == {200}
    # Nothing committed before the outage was lost; nothing of the refused action was kept.
    rows = dict(
        database.query(
            "SELECT m.id, m.status FROM measures_measure m WHERE m.id = ANY(%s)",
            [[published, sent_back, attempted]],
        )
    )
    assert rows == {published: "published", sent_back: "changes_requested", attempted: "submitted"}
    moves = database.query(
        "SELECT measure_id, to_status, comment FROM measures_measuretransition ORDER BY id"
    )
    assert moves == [
        (published, "published", ""),
        (sent_back, "changes_requested", "Add the figures of 2024."),
    ]
