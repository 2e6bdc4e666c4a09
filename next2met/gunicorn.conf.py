"""gunicorn settings; every value can be changed through the environment.

gunicorn --config next2met/gunicorn.conf.py next2met.wsgi
"""

import os


def _int(name, default):
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name} must be an integer, not {raw!r}.") from None


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", 2)
threads = _int("GUNICORN_THREADS", 1)
# A worker silent for this long is killed and replaced; a request that waits for an
# unreachable database gives up much sooner (DATABASE_CONNECT_TIMEOUT).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Workers are recycled now and then, so a slow leak cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxies whose X-Forwarded-Proto gunicorn believes; "*" inside a container
# network where only the proxy can reach the app.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory: a container's overlay disk can stall them into timeouts.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# The control socket (gunicornc) is off unless asked for: two instances on one
# machine would share its default path, and the image's user has no home for it.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") == ""
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
