"""What the benchmark (run.py) and the load run (load.py) share: gunicorn and plain HTTP.

gunicorn starts with the production configuration (next2met/gunicorn.conf.py) on
127.0.0.1 and is waited for through /healthz; requests carry the headers of a
browser behind the TLS-terminating proxy the site runs behind.
"""

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from build import PYTHON, ROOT

GUNICORN = Path(PYTHON).with_name("gunicorn")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
HEADERS = {"Accept-Encoding": "gzip, deflate, br", "X-Forwarded-Proto": "https"}
# wrk's requests: the same, with the one encoding every client sends.
WRK_HEADERS = {"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}


def log(*args):
    print(*args, flush=True)


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, headers=HEADERS, timeout=60):
    """(status, headers, body as sent) of GET path; no redirect followed."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def forget_cache(prefix):
    """Delete the keys a run left in Redis under its own prefix."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(key)


class Gunicorn:
    """gunicorn with the production configuration on 127.0.0.1:`port` (a free one if None)."""

    def __init__(self, env, log_path, workers, port=None, access_log=None):
        self.port = port or free_port()
        env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_LOG_LEVEL": "warning",
        }
        access = ("--access-logfile", str(access_log)) if access_log else ()
        self.log = open(log_path, "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                *("--config", "next2met/gunicorn.conf.py", "--no-control-socket"),
                *access,
                "next2met.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(self.port, "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn did not start; see {log_path}")
            time.sleep(0.2)

    def worker_memory_mb(self):
        """The resident memory of each worker process (the master's children), in MB."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        sizes = []
        for child in children:
            status = Path(f"/proc/{child}/status").read_text()
            kilobytes = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
            sizes.append(kilobytes / 1024)
        return sizes

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()
