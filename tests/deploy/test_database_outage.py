"""When the database does not answer: /healthz says so, and every page is a friendly 503."""

import json
import socket
import textwrap
import threading
import time

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.test import Client

from next2met.views import server_error
from tests.deploy.conftest import PYTHON, closed_port, production_env, run
from tests.deploy.test_security_headers import assert_security_headers
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


@pytest.fixture
def database_down(monkeypatch):
    """From now on every query fails as it does when the server is gone."""

    def refuse():
        raise OperationalError(REFUSED)

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)


@pytest.fixture
def visitor():
    # The 503 page must be an answer, not an exception the test client re-raises.
    return Client(raise_request_exception=False)


def test_healthz_answers_200_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "mail_waiting": 0,
        "mail_oldest_waiting_seconds": None,
        "mail_failed": 0,
    }


def test_healthz_answers_503_without_details_when_the_database_is_down(visitor, database_down):
    response = visitor.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/measures/",
        "/en/measures/?q=care",
        "/en/measures/remote-home-care-unit/",
        "/en/regions/",
        "/en/regions/paijat-hame/",
        "/en/themes/",
        "/en/partners/",
        "/en/partners/paijat-hame/",
    ],
)
def test_every_public_page_is_the_friendly_503_while_the_database_is_down(
    visitor, database_down, path
):
    response = visitor.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert "<h1>The catalogue is briefly unavailable</h1>" in html
    assert "Please try again in 30 seconds." in html
    assert REFUSED not in html
    assert_security_headers(response)


def test_signed_in_staff_get_the_503_page_in_the_admin(admin_client, database_down):
    admin_client.raise_request_exception = False

    response = admin_client.get("/admin/measures/measure/")

    assert response.status_code == 503
    assert "The catalogue is briefly unavailable" in response.content.decode()


def test_an_outage_met_by_a_middleware_also_gets_the_503_page(client, settings):
    # The second-step middleware reads the session and the memberships before any view.
    settings.N2M_REQUIRE_2FA_FOR_COORDINATORS = True
    client.force_login(MembershipFactory(user=UserFactory(is_staff=True), role="coordinator").user)
    client.raise_request_exception = False

    def refuse():
        raise InterfaceError("connection already closed")

    connection = connections["default"]
    original = connection.ensure_connection
    connection.ensure_connection = refuse
    try:
        response = client.get("/admin/")
    finally:
        connection.ensure_connection = original

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_the_outage_is_logged(visitor, database_down, caplog):
    visitor.get("/en/measures/")

    assert any("Database unavailable" in record.getMessage() for record in caplog.records)


def test_other_errors_still_get_the_500_page(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/en/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_a_database_error_reaching_the_500_handler_gets_the_503_page(rf):
    try:
        raise OperationalError(REFUSED)
    except OperationalError:
        response = server_error(rf.get("/en/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


PROBE = textwrap.dedent(
    """
    import json, time
    import django
    django.setup()
    from django.test import Client
    client = Client(raise_request_exception=False)
    answers = {}
    for path in ["/healthz", "/en/measures/"]:
        started = time.monotonic()
        response = client.get(path, secure=True)
        answers[path] = {
            "status": response.status_code,
            "retry_after": response.get("Retry-After"),
            "seconds": time.monotonic() - started,
            "body": response.content.decode()[:2000],
        }
    print(json.dumps(answers))
    """
)


def probe(database_url, **env):
    env = production_env(
        DATABASE_URL=database_url,
        DJANGO_ALLOWED_HOSTS="testserver",
        REDIS_URL=None,
        # No collectstatic here; the gunicorn test covers the manifest storage.
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        **env,
    )
    result = run([PYTHON, "-c", PROBE], env=env, timeout=60, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(databases=[])
def test_postgres_on_a_closed_port_gives_503_at_once():
    answers = probe(f"postgres://postgres:s3cret-password@127.0.0.1:{closed_port()}/next2met")

    assert answers["/healthz"]["status"] == 503
    assert answers["/healthz"]["body"] == '{"status": "unavailable"}'
    assert answers["/en/measures/"]["status"] == 503
    assert answers["/en/measures/"]["retry_after"] == "30"
    assert "s3cret-password" not in answers["/en/measures/"]["body"]


@pytest.fixture
def silent_server():
    """A port that accepts connections and never says a word, like a hung database host."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                break

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.django_db(databases=[])
def test_a_hung_postgres_gives_503_within_the_connect_timeout(silent_server):
    started = time.monotonic()

    answers = probe(
        f"postgres://postgres@127.0.0.1:{silent_server}/next2met", DATABASE_CONNECT_TIMEOUT="2"
    )

    assert answers["/healthz"]["status"] == 503
    assert answers["/en/measures/"]["status"] == 503
    # Each request gives up after about two seconds instead of waiting for gunicorn's kill.
    assert answers["/healthz"]["seconds"] < 6
    assert time.monotonic() - started < 30
