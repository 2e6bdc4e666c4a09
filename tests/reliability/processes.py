"""Real processes for the long reliability runs: a private PostgreSQL cluster and gunicorn.

The cluster is the test's own (initdb into a temporary folder, its own port and
socket folder), so stopping it never touches the machine's shared PostgreSQL.
PostgreSQL refuses to run as root: as root, its commands run as the `postgres`
user, in a folder that user owns.
"""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from tests.deploy.conftest import PYTHON, ROOT, manage
from tests.reliability.populated import seed_fixtures

GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    return shutil.which(name)


class PrivatePostgres:
    """A PostgreSQL cluster of its own on 127.0.0.1:`port`, made and removed by the test."""

    def __init__(self, port):
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="n2m-private-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        # The locale is named, not taken from the environment: a machine whose LANG names
        # a locale it has not generated would make initdb refuse to start.
        self._run(
            "initdb",
            *("-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync"),
            *("--locale", "C", "--encoding", "UTF8"),
        )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/next2met"

    def _run(self, program, *args, timeout=120):
        command = [postgres_bin(program), *map(str, args)]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        finished = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=self.root
        )
        if finished.returncode:
            raise RuntimeError(
                f"{program} failed with exit status {finished.returncode}:\n"
                f"{finished.stdout}{finished.stderr}"
            )
        return finished

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")

    def stop(self):
        # Fast: open connections are cut, committed work is flushed, as in a real restart.
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def create_database(self):
        with psycopg.connect(
            f"postgres://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE next2met")

    def query(self, sql, params=()):
        with psycopg.connect(self.url) as conn:
            return conn.execute(sql, params).fetchall()

    def remove(self):
        with contextlib.suppress(RuntimeError):  # already stopped
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class Gunicorn:
    """gunicorn with the production configuration, started in a process group of its own."""

    def __init__(self, env, port, log_path):
        self.port = port
        self.log_path = log_path
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                [
                    GUNICORN,
                    "--config",
                    "next2met/gunicorn.conf.py",
                    "--no-control-socket",
                    "next2met.wsgi",
                ],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def running(self):
        return self.process.poll() is None


def prepare_catalogue(env, static_root):
    """Migrate, load the seed and collect the static files, as a release does."""
    manage("migrate", "--noinput", "-v", "0", env=env, check=True, timeout=300)
    manage("loaddata", *seed_fixtures(), "-v", "0", env=env, check=True, timeout=300)
    manage(
        "collectstatic",
        "--noinput",
        "-v",
        "0",
        env={**env, "DJANGO_STATIC_ROOT": static_root},
        check=True,
        timeout=300,
    )


def wait_for(check, seconds, step=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False
