"""Helpers of the deployment tests: a production environment and subprocess runners.

`make test` runs with DJANGO_DEBUG=true; what only production does is tested in
subprocesses that get their own environment, built here from scratch.
"""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
VENV_BIN = Path(PYTHON).parent
SECRET_KEY = secrets.token_urlsafe(50)


def production_env(**overrides):
    """A production environment, as .env.example describes it, minus this machine's noise."""
    env = {
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": "next2met.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "catalogue.example.org,127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://catalogue.example.org",
        "DJANGO_BEHIND_PROXY": "true",
        "DJANGO_SECURE_HSTS_SECONDS": "31536000",
        "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "DJANGO_SECURE_HSTS_PRELOAD": "true",
        "DATABASE_URL": "postgres://next2met:secret@127.0.0.1:5432/next2met",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run(args, env, timeout=120, check=False):
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        pytest.fail(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def manage(*args, env, **kwargs):
    return run([PYTHON, "manage.py", *args], env=env, **kwargs)


def settings_in_subprocess(names, env):
    """The values of the named settings as a fresh process with `env` sees them."""
    script = textwrap.dedent(
        f"""
        import json, sys
        import django
        from django.conf import settings
        django.setup()
        values = {{name: getattr(settings, name, None) for name in {list(names)!r}}}
        values["_sentry_imported"] = "sentry_sdk" in sys.modules
        print(json.dumps(values, default=str))
        """
    )
    result = run([PYTHON, "-c", script], env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A port on which nothing listens (bound, then released)."""
    return free_port()


def request(port, path, headers=None, proxied=True):
    """GET `path` as the TLS-terminating proxy would pass it on (or straight, if not proxied)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    sent = {"Host": "catalogue.example.org"}
    if proxied:
        sent.update({"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"})
    sent.update(headers or {})
    connection.request("GET", path, headers=sent)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def wait_until_serving(port, process, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            response, _body = request(port, "/healthz")
        except OSError:
            time.sleep(0.3)
            continue
        if response.status == 200:
            return
        time.sleep(0.3)
    pytest.fail(f"gunicorn did not answer within {seconds} s:\n{log.read_text()}")
