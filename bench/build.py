"""The benchmark's PostgreSQL databases: one per size, built once and reused.

A database `next2met_bench_<N>` holds the seed data and N published demo
measures. It is reused when it already has exactly N demo measures; otherwise
the seed is loaded again (idempotent, by natural keys) and the demo measures
are made anew. Migrations run every time, so new indexes reach old databases.
"""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("BENCH_PYTHON", str(ROOT / ".venv" / "bin" / "python"))
SEED = ["partners", "regions", "themes", "target_groups", "measures", "measure_links"]
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")


def base_env(**extra):
    """The environment of every process the benchmark starts: production settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_", "N2M_"))
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def database_url(size):
    return f"{PG_SERVER}/next2met_bench_{size}"


def manage(env, *args, quiet=True):
    """Run `manage.py *args` with `env`; raise with its output if it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=quiet,
        text=True,
        check=False,
    )
    if result.returncode:
        output = (result.stdout or "") + (result.stderr or "")
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output[-4000:]}")
    return result.stdout


def _create_if_missing(name):
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


def _counts(url):
    with psycopg.connect(url) as conn:
        demo = conn.execute(
            "SELECT count(*) FROM measures_measure WHERE is_demo AND status = 'published'"
        ).fetchone()[0]
        seed = conn.execute("SELECT count(*) FROM measures_measure WHERE NOT is_demo").fetchone()[0]
    return demo, seed


def _analyze(url):
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def ensure_database(size, env, log=print):
    """Make `next2met_bench_<size>` ready; returns (url, seconds spent, whether it was built)."""
    started = time.monotonic()
    url = database_url(size)
    name = url.rsplit("/", 1)[1]
    if _create_if_missing(name):
        log(f"  created database {name}")
    env = {**env, "DATABASE_URL": url}
    manage(env, "migrate", "--noinput")
    demo, seed = _counts(url)
    built = False
    if demo != size or not seed:
        log(f"  {name}: {demo} demo measures, {seed} seed measures; loading the seed data")
        manage(env, "loaddata", *SEED)
        log(f"  generating {size} demo measures (this takes a while for large N)")
        manage(env, "generate_demo_measures", "--count", str(size), "--seed", "1", "--replace")
        built = True
    _analyze(url)
    return url, time.monotonic() - started, built


if __name__ == "__main__":
    # `python bench/databases.py 1000 10000` builds the databases without benchmarking.
    for arg in sys.argv[1:]:
        url, seconds, built = ensure_database(int(arg), base_env())
        print(f"{url}: {'built' if built else 'reused'} in {seconds:.0f} s")
