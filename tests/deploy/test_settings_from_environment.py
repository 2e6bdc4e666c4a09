"""Settings come from the environment: safe defaults, loud failures, a clean `check --deploy`."""

import os
import re

import pytest

from tests.deploy.conftest import (
    PYTHON,
    ROOT,
    SECRET_KEY,
    manage,
    production_env,
    run,
    settings_in_subprocess,
)


def test_check_deploy_reports_no_issue_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def env_example():
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _sep, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_check_deploy_reports_no_issue_with_the_values_of_env_example():
    example = env_example()
    assert example["DJANGO_SECRET_KEY"].startswith("change-me")
    # Everything as shipped, except the one value every operator must replace.
    env = production_env(**{**example, "DJANGO_SECRET_KEY": SECRET_KEY})

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def start_django(env):
    return run([PYTHON, "-c", "import django; django.setup()"], env=env)


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        pytest.param(None, "DJANGO_SECRET_KEY is not set", id="missing"),
        pytest.param("", "DJANGO_SECRET_KEY is not set", id="empty"),
        pytest.param(
            "change-me-to-a-long-random-string",
            "DJANGO_SECRET_KEY is still a placeholder",
            id="placeholder-of-env-example",
        ),
        pytest.param("short-secret", "DJANGO_SECRET_KEY is too short", id="short"),
        pytest.param("a" * 60, "DJANGO_SECRET_KEY is too short", id="too-few-characters"),
    ],
)
def test_production_refuses_to_start_without_a_real_secret_key(key, reason):
    result = start_django(production_env(DJANGO_SECRET_KEY=key))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert reason in result.stderr
    assert "DJANGO_DEBUG=true" in result.stderr


def test_secret_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(SECRET_KEY + "\n")
    env = production_env(DJANGO_SECRET_KEY=None, DJANGO_SECRET_KEY_FILE=str(key_file))

    assert settings_in_subprocess(["SECRET_KEY"], env)["SECRET_KEY"] == SECRET_KEY


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_django(production_env(DJANGO_ALLOWED_HOSTS=""))

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_a_malformed_boolean_is_an_error_not_a_guess():
    result = start_django(production_env(DJANGO_SECURE_HTTPS="maybe"))

    assert result.returncode != 0
    assert "DJANGO_SECURE_HTTPS must be a boolean (true/false), not 'maybe'" in result.stderr


def test_debug_is_off_unless_asked_for():
    env = production_env(DJANGO_DEBUG=None)

    assert settings_in_subprocess(["DEBUG"], env) == {"DEBUG": False, "_sentry_imported": False}


def test_debug_starts_without_secret_key_or_hosts():
    env = production_env(DJANGO_DEBUG="true", DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)

    values = settings_in_subprocess(["DEBUG", "ALLOWED_HOSTS"], env)

    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_production_hosts_origins_cookies_and_https_come_from_the_environment():
    values = settings_in_subprocess(
        [
            "ALLOWED_HOSTS",
            "CSRF_TRUSTED_ORIGINS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_HSTS_PRELOAD",
            "SECURE_PROXY_SSL_HEADER",
        ],
        production_env(),
    )

    assert values["ALLOWED_HOSTS"] == ["catalogue.example.org", "127.0.0.1"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://catalogue.example.org"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_plain_http_deployment_turns_off_secure_cookies_and_redirect():
    env = production_env(DJANGO_SECURE_HTTPS="false", DJANGO_BEHIND_PROXY=None)

    values = settings_in_subprocess(
        ["SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER"], env
    )

    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_postgres_connections_persist_are_health_checked_and_time_out_quickly():
    database = settings_in_subprocess(["DATABASES"], production_env())["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["connect_timeout"] == 5


def test_connect_timeout_in_database_url_wins():
    env = production_env(DATABASE_URL="postgres://u:p@db.internal:5432/n2m?connect_timeout=2")

    database = settings_in_subprocess(["DATABASES"], env)["DATABASES"]["default"]

    assert database["OPTIONS"]["connect_timeout"] == 2
    assert database["HOST"] == "db.internal"


def test_postgresql_jit_is_off_unless_asked_for():
    default = settings_in_subprocess(["DATABASES"], production_env())["DATABASES"]["default"]
    asked = settings_in_subprocess(["DATABASES"], production_env(DATABASE_JIT="true"))["DATABASES"][
        "default"
    ]

    assert default["OPTIONS"]["options"] == "-c jit=off"
    assert "options" not in asked["OPTIONS"]


def test_redis_url_selects_djangos_redis_cache():
    cache = settings_in_subprocess(["CACHES"], production_env())["CACHES"]["default"]

    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/0"


def test_without_redis_url_the_workers_share_the_databases_cache():
    cache = settings_in_subprocess(["CACHES"], production_env(REDIS_URL=None))["CACHES"]

    assert cache["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache["default"]["LOCATION"] == "n2m_cache"


def test_debug_runs_without_redis_url_keep_local_memory():
    env = production_env(REDIS_URL=None, DJANGO_DEBUG="true")

    cache = settings_in_subprocess(["CACHES"], env)["CACHES"]

    assert cache["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_email_settings_come_from_the_environment():
    env = production_env(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="catalogue",
        EMAIL_HOST_PASSWORD="mail-secret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="catalogue@example.org",
        SERVER_EMAIL="errors@example.org",
    )

    values = settings_in_subprocess(
        [
            "EMAIL_BACKEND",
            "EMAIL_TRANSPORT",
            "EMAIL_HOST",
            "EMAIL_PORT",
            "EMAIL_HOST_USER",
            "EMAIL_HOST_PASSWORD",
            "EMAIL_USE_TLS",
            "DEFAULT_FROM_EMAIL",
            "SERVER_EMAIL",
        ],
        env,
    )

    assert values == {
        # Every mail waits in the outbox first; the worker delivers it over SMTP.
        "EMAIL_BACKEND": "next2met.outbox.backend.OutboxBackend",
        "EMAIL_TRANSPORT": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "catalogue",
        "EMAIL_HOST_PASSWORD": "mail-secret",
        "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "catalogue@example.org",
        "SERVER_EMAIL": "errors@example.org",
        "_sentry_imported": False,
    }


@pytest.mark.parametrize(
    ("debug", "transport"),
    [
        pytest.param("false", "django.core.mail.backends.smtp.EmailBackend", id="production"),
        pytest.param("true", "django.core.mail.backends.console.EmailBackend", id="debug"),
    ],
)
def test_the_outbox_is_delivered_over_smtp_in_production_and_to_the_console_in_debug(
    debug, transport
):
    env = production_env(DJANGO_DEBUG=debug, DJANGO_EMAIL_BACKEND=None)

    values = settings_in_subprocess(["EMAIL_BACKEND", "EMAIL_TRANSPORT"], env)

    assert values["EMAIL_BACKEND"] == "next2met.outbox.backend.OutboxBackend"
    assert values["EMAIL_TRANSPORT"] == transport


def test_the_outbox_cannot_be_named_as_its_own_transport():
    result = start_django(production_env(DJANGO_EMAIL_BACKEND="post_office.EmailBackend"))

    assert result.returncode != 0
    assert "DJANGO_EMAIL_BACKEND names the backend that delivers the outbox" in result.stderr


def test_sentry_is_not_even_imported_without_a_dsn():
    assert settings_in_subprocess([], production_env())["_sentry_imported"] is False


def test_sentry_is_set_up_when_a_dsn_is_given():
    # Nothing is sent: no error happens, and the address would be unreachable anyway.
    env = production_env(SENTRY_DSN="https://public@127.0.0.1:9/1", SENTRY_ENVIRONMENT="staging")

    values = settings_in_subprocess(["SENTRY_DSN"], env)

    assert values["_sentry_imported"] is True
    assert values["SENTRY_DSN"] == "https://public@127.0.0.1:9/1"


def variables_read_by_settings():
    source = (ROOT / "next2met" / "settings.py").read_text()
    pattern = r"(?:env_\w+|os\.environ\.get)\(\s*\"([A-Z][A-Z0-9_]+)\""
    return set(re.findall(pattern, source)) | {"DATABASE_URL", "DJANGO_SECRET_KEY_FILE"}


def test_settings_read_the_variables_this_test_knows_about():
    assert {"DJANGO_SECRET_KEY", "DJANGO_EMAIL_BACKEND", "N2M_IMAGE_MAX_BYTES"} <= (
        variables_read_by_settings()
    )


@pytest.mark.parametrize("document", [".env.example", "docs/operators/configuration.md"])
def test_every_variable_settings_reads_is_documented(document):
    text = (ROOT / document).read_text()

    missing = sorted(name for name in variables_read_by_settings() if name not in text)

    assert missing == []


REDIS_ROUND_TRIP = """
import django
django.setup()
from django.core.cache import cache
cache.set("deploy-test", "stored in redis", 30)
print(cache.get("deploy-test"))
cache.delete("deploy-test")
"""


def redis_answers(host="127.0.0.1", port=6379):
    import socket

    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_the_cache_round_trips_through_redis():
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI (.ci/run starts it).")
        pytest.skip("no Redis on 127.0.0.1:6379; start one with redis-server --daemonize yes")
    env = production_env(REDIS_URL="redis://127.0.0.1:6379/15")

    result = run([PYTHON, "-c", REDIS_ROUND_TRIP], env=env, check=True)

    assert result.stdout.strip().splitlines()[-1] == "stored in redis"
