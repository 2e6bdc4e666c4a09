"""The load run: 50 connections for 60 seconds over a realistic mix of pages, at 10,000 measures.

    .venv/bin/python bench/load.py                  # 10,000 measures, 50 connections, 60 s
    .venv/bin/python bench/load.py --duration 10    # a quick look

It makes (or reuses) the PostgreSQL database `next2met_load_<N>` with the seed
data and N published demo measures, starts gunicorn with the production
settings (debug off, a real secret key, collected static files, the page cache
in Redis under a key prefix of its own), and builds a list of several thousand
distinct addresses from the database: the home page, filtered and sorted lists,
searches, the details of thousands of measures, region, theme and partner
pages, the JSON API, CSV and JSON exports of filtered lists and the feed, in
several languages. wrk then asks them in turn for --duration seconds over
--connections connections; a Lua script counts the answers by status and by
page-cache header (hit, miss, none).

It prints requests sent, status counts, errors, req/s and p50/p99 latency, and
writes the same figures into bench/results.md between the markers
`<!-- load:start -->` and `<!-- load:end -->` (at the end of the file when the
markers are missing); the rest of that file is left as it is. The exit status
is 1 when any answer was a 5xx or any connection failed.
"""

import argparse
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import PG_SERVER, ROOT, SEED, base_env, manage
from server import REDIS_URL, WRK_HEADERS, Gunicorn, forget_cache, free_port, load_average, log

RESULTS = ROOT / "bench" / "results.md"
START, END = "<!-- load:start -->", "<!-- load:end -->"
LANGUAGES = ["en", "de", "fi", "pl", "es"]

LUA = r"""
-- Asks the addresses of a file in turn (each thread from its own offset) and counts
-- the answers by status and by the X-Page-Cache header; done() prints one JSON line.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  urls = {}
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(urls, line) end
  end
  local total = tonumber(args[2]) or 1
  index = math.floor(id * #urls / total)
  statuses = {}
  cache = {hit = 0, miss = 0, none = 0}
end

function request()
  index = index % #urls + 1
  return wrk.format("GET", urls[index])
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  local page = headers["X-Page-Cache"] or headers["x-page-cache"]
  if page == "hit" then
    cache.hit = cache.hit + 1
  elseif page == "miss" then
    cache.miss = cache.miss + 1
  else
    cache.none = cache.none + 1
  end
end

local function object(values)
  local parts = {}
  for key, value in pairs(values) do
    table.insert(parts, string.format('"%s": %d', key, value))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local statuses_all, cache_all = {}, {hit = 0, miss = 0, none = 0}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      statuses_all[key] = (statuses_all[key] or 0) + count
    end
    for key, count in pairs(thread:get("cache")) do
      cache_all[key] = cache_all[key] + count
    end
  end
  local e = summary.errors
  io.write("LOAD-RESULT ")
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}, ' ..
    '"latency_ms": {"p50": %.3f, "p90": %.3f, "p99": %.3f, "max": %.3f, "mean": %.3f}, ' ..
    '"statuses": %s, "cache": %s}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    object(statuses_all), object(cache_all)))
end
"""


# The database


def database_url(size):
    return f"{PG_SERVER}/next2met_load_{size}"


def ensure_database(size, env):
    """Make `next2met_load_<size>` ready (as bench/build.py does for the benchmark's)."""
    url = database_url(size)
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            log(f"  created database {name}")
    env = {**env, "DATABASE_URL": url}
    manage(env, "migrate", "--noinput")
    with psycopg.connect(url) as conn:
        demo = conn.execute(
            "SELECT count(*) FROM measures_measure WHERE is_demo AND status = 'published'"
        ).fetchone()[0]
        seed = conn.execute("SELECT count(*) FROM measures_measure WHERE NOT is_demo").fetchone()[0]
    if demo != size or not seed:
        log(f"  {name}: loading the seed data and generating {size:,} demo measures")
        manage(env, "loaddata", *SEED)
        manage(env, "generate_demo_measures", "--count", str(size), "--seed", "1", "--replace")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    return url


def addresses(url, seed=1):
    """Several thousand distinct addresses of a realistic visit mix, in a shuffled order."""
    with psycopg.connect(url) as conn:

        def column(sql):
            return [row[0] for row in conn.execute(sql).fetchall()]

        measures = column(
            "SELECT slug FROM measures_measure WHERE status = 'published' ORDER BY id"
        )
        regions = column("SELECT slug FROM measures_region ORDER BY id")
        themes = column("SELECT slug FROM measures_category ORDER BY id")
        groups = column("SELECT slug FROM measures_targetgroup ORDER BY id")
        partners = column("SELECT slug FROM partners_partner WHERE is_active ORDER BY id")
        titles = column(
            "SELECT title FROM measures_measure WHERE status = 'published' ORDER BY id LIMIT 2000"
        )
    rng = random.Random(seed)
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-zÀ-ž]{4,}", t)})
    words = [w for w in words if w != "demo"]
    sorts = ["", "&sort=title", "&sort=newest", "&sort=region"]

    def lang():
        # Most visitors read English; the other languages share the rest.
        return "en" if rng.random() < 0.6 else rng.choice(LANGUAGES[1:])

    mix = []

    def add(count, make):
        mix.extend(make() for _ in range(count))

    add(60, lambda: f"/{lang()}/")
    add(300, lambda: f"/{lang()}/measures/?page={rng.randint(1, 200)}")
    add(
        900,
        lambda: (
            f"/{lang()}/measures/?region={rng.choice(regions)}&theme={rng.choice(themes)}"
            f"{rng.choice(sorts)}&page={rng.randint(1, 3)}"
        ),
    )
    add(
        300,
        lambda: (
            f"/{lang()}/measures/?target={rng.choice(groups)}&year_from="
            f"{rng.randint(2008, 2020)}&partner={rng.choice(partners)}"
        ),
    )
    add(700, lambda: f"/{lang()}/measures/?q={rng.choice(words)}")
    add(
        300,
        lambda: (
            f"/{lang()}/measures/?q={rng.choice(words)}+{rng.choice(words)}"
            f"&region={rng.choice(regions)}"
        ),
    )
    add(3000, lambda: f"/{lang()}/measures/{rng.choice(measures)}/")
    add(120, lambda: f"/{lang()}/regions/{rng.choice(regions)}/")
    add(120, lambda: f"/{lang()}/themes/{rng.choice(themes)}/")
    add(60, lambda: f"/{lang()}/partners/{rng.choice(partners)}/")
    add(20, lambda: f"/{lang()}/regions/")
    add(20, lambda: f"/{lang()}/themes/")
    add(20, lambda: f"/{lang()}/statistics/")
    add(
        400,
        lambda: (
            f"/api/measures/?region={rng.choice(regions)}&theme={rng.choice(themes)}"
            f"&page={rng.randint(1, 2)}"
        ),
    )
    add(400, lambda: f"/api/measures/{rng.choice(measures)}/")
    add(20, lambda: rng.choice(["/api/regions/", "/api/themes/", "/api/partners/"]))
    # Exports of a filtered list: the heaviest pages, so the fewest.
    add(
        40,
        lambda: (
            f"/{lang()}/measures/export.csv?region={rng.choice(regions)}"
            f"&theme={rng.choice(themes)}&target={rng.choice(groups)}"
        ),
    )
    add(
        20,
        lambda: (
            f"/{lang()}/measures/export.json?region={rng.choice(regions)}"
            f"&theme={rng.choice(themes)}&target={rng.choice(groups)}"
        ),
    )
    add(20, lambda: f"/{lang()}/measures/feed/")
    # Visitors share a few entry pages: they come back often and the page cache answers them.
    popular = [f"/{code}/" for code in LANGUAGES] + [f"/{code}/measures/" for code in LANGUAGES]
    popular += ["/en/regions/", "/en/themes/", "/api/measures/"]
    mix += popular * 40
    rng.shuffle(mix)
    # As a browser sends them: words with umlauts percent-encoded in the request line.
    return [quote(address, safe="/?=&+-_.~%") for address in mix]


# wrk


def run_wrk(port, urls, args, work_dir):
    script = Path(work_dir) / "load.lua"
    script.write_text(LUA)
    url_file = Path(work_dir) / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    # A slow answer counts with its real latency, not as a timeout.
    command += ["--timeout", "30s", "-s", str(script)]
    for name, value in WRK_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    command += [f"http://127.0.0.1:{port}", "--", str(url_file), str(args.threads)]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=args.duration + 120, check=False
    )
    found = re.search(r"^LOAD-RESULT (\{.*\})$", result.stdout, re.M)
    if result.returncode or not found:
        raise RuntimeError(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures = json.loads(found.group(1))
    figures["seconds"] = figures.pop("duration_us") / 1e6
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def server_errors(figures):
    return sum(count for status, count in figures["statuses"].items() if status.startswith("5"))


def connection_errors(figures):
    errors = figures["errors"]
    return sum(errors[name] for name in ("connect", "read", "write", "timeout"))


def unusual_answers(access_log):
    """(status, path) of every answer that was not a 2xx or 3xx, from gunicorn's access log."""
    found = []
    for line in Path(access_log).read_text(errors="replace").splitlines():
        match = re.search(r'"[A-Z]+ (\S+) HTTP/[\d.]+" (\d{3}) ', line)
        if match and not match.group(2).startswith(("2", "3")):
            found.append((match.group(2), match.group(1)))
    return found


# Results


def summary_lines(figures):
    statuses = ", ".join(
        f"{status}: {count:,}" for status, count in sorted(figures["statuses"].items())
    )
    errors = figures["errors"]
    cache = figures["cache"]
    latency = figures["latency_ms"]
    return [
        f"requests sent: {figures['requests']:,} in {figures['seconds']:.1f} s"
        f" ({figures['rps']:,.0f} req/s)",
        f"statuses: {statuses or 'none'}",
        f"5xx answers: {server_errors(figures)}",
        f"connection errors: connect {errors['connect']}, read {errors['read']},"
        f" write {errors['write']}, timeout {errors['timeout']}",
        f"page cache: {cache['hit']:,} hits, {cache['miss']:,} misses,"
        f" {cache['none']:,} without a page-cache header (exports, feed, errors)",
        f"latency: p50 {latency['p50']:.1f} ms, p90 {latency['p90']:.1f} ms,"
        f" p99 {latency['p99']:.1f} ms, max {latency['max']:.1f} ms",
    ]


def section(figures, args, info):
    lines = [
        START,
        f"## Load: {args.connections} connections for {args.duration} s over a mix of pages",
        "",
        f"One run of `bench/load.py`, {info['started']:%Y-%m-%d %H:%M} UTC, on PostgreSQL with"
        f" {args.size:,} published demo measures plus the seed data. gunicorn with"
        f" {args.workers} sync workers (next2met/gunicorn.conf.py), debug off, collected static"
        " files, the page cache in Redis, starting empty. wrk on the same"
        f" {os.cpu_count()} cores: `-t{args.threads} -c{args.connections} -d{args.duration}s`,"
        " `Accept-Encoding: gzip`, `X-Forwarded-Proto: https`.",
        "",
        f"{info['distinct']:,} distinct addresses asked in turn: home pages, filtered, sorted"
        " and paginated lists, searches, details of"
        f" {info['details']:,} different measures, region, theme and partner pages,"
        " statistics, the JSON API, CSV and JSON exports of filtered lists and the feed, in"
        " five languages. Load average before"
        f" {info['load_before']}, after {info['load_after']}.",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| requests sent | {figures['requests']:,} |",
        f"| requests per second | {figures['rps']:,.0f} |",
    ]
    for status, count in sorted(figures["statuses"].items()):
        lines.append(f"| status {status} | {count:,} |")
    errors, cache, latency = figures["errors"], figures["cache"], figures["latency_ms"]
    lines += [
        f"| 5xx answers | {server_errors(figures)} |",
        f"| connection errors (connect / read / write / timeout) | {errors['connect']} /"
        f" {errors['read']} / {errors['write']} / {errors['timeout']} |",
        f"| page cache hits / misses / without its header | {cache['hit']:,} / {cache['miss']:,} /"
        f" {cache['none']:,} |",
        f"| latency p50 / p90 / p99 / max | {latency['p50']:.1f} / {latency['p90']:.1f} /"
        f" {latency['p99']:.1f} / {latency['max']:.1f} ms |",
        "",
        f"The latency includes the wait in gunicorn's queue: {args.connections} connections"
        f" share {args.workers} sync workers, so p50 is close to connections ÷ req/s"
        f" ({args.connections / figures['rps']:.1f} s). Most answers missed the page cache,"
        " as meant: this is the pace of pages rendered from the database.",
        "",
        "Met: no 5xx and no connection error."
        if not server_errors(figures) and not connection_errors(figures)
        else "**Not met**: 5xx answers or connection errors (see above).",
        END,
    ]
    return "\n".join(lines)


def write_section(path, text):
    """Replace what lies between the markers, or append the section; nothing else changes."""
    path = Path(path)
    old = path.read_text() if path.exists() else ""
    start, end = old.find(START), old.find(END)
    if start != -1 and end > start:
        new = old[:start] + text + old[end + len(END) :]
    else:
        new = old + ("" if not old or old.endswith("\n") else "\n") + ("\n" if old else "")
        new += text + "\n"
    path.write_text(new)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000, help="demo measures (10,000)")
    parser.add_argument("--duration", type=int, default=60, help="seconds (60)")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections (50)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (a free one)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    started = datetime.datetime.now(datetime.UTC)
    prefix = f"n2m-load-{started:%Y%m%d%H%M%S}-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="n2m-load-") as work_dir:
        static_root = Path(work_dir) / "static"
        env = base_env(
            DJANGO_STATIC_ROOT=str(static_root),
            REDIS_URL=REDIS_URL,
            REDIS_KEY_PREFIX=prefix,
            DJANGO_BEHIND_PROXY="true",
        )
        log(f"database with {args.size:,} demo measures")
        env["DATABASE_URL"] = ensure_database(args.size, env)
        log("collectstatic into a temporary STATIC_ROOT")
        manage(env, "collectstatic", "--noinput")
        urls = addresses(env["DATABASE_URL"])
        details = {u for u in urls if re.match(r"^/\w\w/measures/[\w-]+/$", u)}
        info = {
            "started": started,
            "distinct": len(set(urls)),
            "details": len({u.split("/")[3] for u in details}),
        }
        access_log = Path(work_dir) / "access.log"
        server = Gunicorn(
            env,
            Path(work_dir) / "gunicorn.log",
            args.workers,
            port=args.port or free_port(),
            access_log=access_log,
        )
        try:
            info["load_before"] = load_average()
            log(
                f"wrk: {args.connections} connections, {args.duration} s, "
                f"{info['distinct']:,} distinct addresses (load average {info['load_before']})"
            )
            figures = run_wrk(server.port, urls, args, work_dir)
            info["load_after"] = load_average()
        finally:
            server.stop()
            forget_cache(prefix)
            server_log = (Path(work_dir) / "gunicorn.log").read_text()
            figures_unusual = unusual_answers(access_log)
    for line in summary_lines(figures):
        log(f"  {line}")
    log(f"  load average before {info['load_before']}, after {info['load_after']}")
    for status, path in figures_unusual[:20]:
        log(f"  answered {status}: {path}")
    if server_errors(figures) and server_log.strip():
        log("gunicorn's log:\n" + server_log[-6000:])
    write_section(args.output, section(figures, args, info))
    log(f"Written to {args.output}")
    print("LOAD-FIGURES " + json.dumps({**figures, **{k: info[k] for k in ("distinct",)}}))
    return 1 if server_errors(figures) or connection_errors(figures) else 0


if __name__ == "__main__":
    sys.exit(main())
