"""The benchmark: gunicorn with production settings, driven by wrk, at 1,000 to 100,000 measures.

    make bench                                  # or: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --sizes 1000 --duration 5   # a quick look

For every size N it makes (or reuses) a PostgreSQL database with the seed data
and N published demo measures (bench/build.py), starts gunicorn on 127.0.0.1
with debug off, collected static files and the page cache in Redis, and lets
wrk ask each page for --duration seconds: first the framework floor (a view
that answers "ok", switched on by N2M_BENCH_FLOOR) and a static file, then the
public pages with a warm page cache, then pages that miss the cache (every
request carries a new query parameter). It also counts each page's SQL
queries (bench/probe.py), measures the compressed size of the list page with
its CSS and JS, and checks that no page loads anything from another host.

Everything goes to the terminal and to bench/results.md, from this one run.
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

from build import PYTHON, ROOT, base_env, ensure_database, manage
from server import (
    GUNICORN,
    REDIS_URL,
    WRK_HEADERS,
    Gunicorn,
    fetch,
    forget_cache,
    load_average,
    log,
)

sys.path.insert(0, str(ROOT))
from tests.query_pins import PUBLIC_PAGES, pinned_count

RESULTS = ROOT / "bench" / "results.md"

REGION, THEME, QUERY = "paijat-hame", "e-health-care", "care"
DETAIL = "demo-1-000001"
FILTERED = f"/en/measures/?region={REGION}&theme={THEME}&q={QUERY}"
FILTERED_NAME = "list, 2 filters + search"
SEARCHED = f"/en/measures/?q={QUERY}"
# Ten words the catalogue does not know: each is compared with the vocabulary of "did
# you mean" (measures.search.vocabulary) before the page says that nothing matches.
UNKNOWN_WORDS = "/en/measures/?q=" + "+".join(f"qzxv{n}kk" for n in range(10))
# The most SQL queries a page may take: the list with headroom for its filters and sorts,
# a measure's page exactly what its query-count test pins for a view after the first
# (bench/probe.py counts the second request, as the test's last count does).
QUERY_LIMITS = {
    "list": 8,
    "detail": pinned_count(PUBLIC_PAGES, "test_measure_detail_queries", last=True),
}
# (name, path, measured with a warm page cache, measured missing it)
PAGES = [
    ("floor (bare Django view)", "/bench/floor", True, False),
    ("static file (whitenoise)", None, True, False),
    ("home", "/en/", True, True),
    ("list, unfiltered", "/en/measures/", True, True),
    ("list, 2 filters + search", FILTERED, True, True),
    ("list, search alone", SEARCHED, True, True),
    ("search of ten unknown words", UNKNOWN_WORDS, False, True),
    ("detail", f"/en/measures/{DETAIL}/", True, True),
    ("region page", f"/en/regions/{REGION}/", True, True),
    ("JSON API /api/measures/", "/api/measures/", True, True),
]
# The whole catalogue's downloads, each asked for twice: made, then from the cache.
DOWNLOADS = [
    ("CSV export", "/en/measures/export.csv"),
    ("JSON export", "/en/measures/export.json"),
    ("sitemap of the measures", "/sitemap-measures.xml"),
]
# Pages measured once more missing the cache with a single connection: their latency
# without queueing, which the targets name.
SINGLE = ("home", "list, unfiltered", FILTERED_NAME, "list, search alone", "detail")
# The largest size's targets (p50 ms of one connection missing the cache) and each
# worker's resident memory there.
LARGE_P50_MS = 50
LARGE_DETAIL_P50_MS = 30
SMALL_LIST_P50_MS = 20
WORKER_MB = 150
NO_CACHE_LUA = r"""
local counter, salt = 0, ""
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  salt = tostring(math.random(1, 1000000000))
end
function request()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "bench-nocache=" .. salt .. "-" .. counter)
end
"""


def decoded(headers, body):
    return gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body


class Resources(HTMLParser):
    """Every address a page makes the browser load (not the links it may follow)."""

    def __init__(self):
        super().__init__()
        self.loaded, self.stylesheets, self.scripts = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if any(word in rel for word in ("stylesheet", "icon", "preload", "modulepreload")):
                self.loaded.append(attrs["href"])
                if "stylesheet" in rel:
                    self.stylesheets.append(attrs["href"])
        for name in ("src", "srcset", "data", "poster"):
            if attrs.get(name):
                self.loaded.append(attrs[name].split()[0])
                if tag == "script" and name == "src":
                    self.scripts.append(attrs[name])


def other_hosts(addresses):
    return sorted({a for a in addresses if re.match(r"^(https?:)?//", a)})


def download_times(port):
    """(name, path, seconds of the first request, ms of the next, compressed bytes)."""
    rows = []
    for name, path in DOWNLOADS:
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            status, _headers, body = fetch(port, path, timeout=900)
            timings.append(time.perf_counter() - started)
        rows.append(
            {
                "name": name,
                "path": path,
                "status": status,
                "first_s": timings[0],
                "next_ms": timings[1] * 1000,
                "bytes": len(body),
            }
        )
    return rows


def downloads_table(result):
    lines = [
        "| download | first request s | next request ms | size sent (gzip) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in result["downloads"]:
        status = "" if row["status"] == 200 else f" (status {row['status']})"
        lines.append(
            f"| {row['name']} `{row['path']}`{status} | {row['first_s']:.2f} |"
            f" {row['next_ms']:.1f} | {row['bytes'] / 1024 / 1024:.1f} MB |"
        )
    return "\n".join(lines)


def drain(port, deadline=60):
    """Wait until both workers answer the floor at once again: wrk leaves requests running."""
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        begin = time.monotonic()
        fetch(port, "/bench/floor")
        fetch(port, "/bench/floor")
        if time.monotonic() - begin < 0.1:
            return
        time.sleep(0.5)


def wrk(port, path, duration, connections, threads, uncached=False, lua_dir=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    # Slow answers count with their real latency instead of as timeouts.
    command += ["--timeout", "60s"]
    for name, value in WRK_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    if uncached:
        script = Path(lua_dir) / "nocache.lua"
        script.write_text(NO_CACHE_LUA)
        command += ["-s", str(script)]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 120, check=True
    ).stdout
    return parse_wrk(output)


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        pct: _ms(value, unit)
        for pct, value, unit in re.findall(r"\s(\d+)%\s+([\d.]+)(us|ms|s)\b", output)
    }
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "requests": requests,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def probe(env, urls, explain=False):
    args = [PYTHON, "bench/probe.py", *urls] + (["--explain"] if explain else [])
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if result.returncode:
        raise RuntimeError(f"bench/probe.py failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def list_page_weight(port):
    """Compressed bytes of the list page's HTML, CSS and JS, and hosts other than ours."""
    _, headers, body = fetch(port, "/en/measures/")
    parser = Resources()
    parser.feed(decoded(headers, body).decode())
    sizes = {"html": len(body)}
    for kind, addresses in (("css", parser.stylesheets), ("js", parser.scripts)):
        for address in addresses:
            if re.match(r"^(https?:)?//", address):
                continue
            file_body = fetch(port, address)[2]
            sizes[kind] = sizes.get(kind, 0) + len(file_body)
    found = other_hosts(parser.loaded)
    return sizes, found, parser.stylesheets[0] if parser.stylesheets else None


def pages_elsewhere(port, paths):
    """Addresses on other hosts that any of the pages (or their CSS) would load."""
    found = set()
    for path in paths:
        status, headers, body = fetch(port, path)
        if status != 200 or "html" not in headers.get("Content-Type", ""):
            continue
        parser = Resources()
        parser.feed(decoded(headers, body).decode())
        found.update(other_hosts(parser.loaded))
        for sheet in parser.stylesheets:
            _, sheet_headers, sheet_body = fetch(port, sheet)
            css = decoded(sheet_headers, sheet_body).decode()
            for address in re.findall(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", css):
                found.update(other_hosts([a for a in address if a]))
    return sorted(found)


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split()[1]
    versions = {
        "python": platform.python_version(),
        "os": platform.platform(),
    }
    for name, command in {
        "django": [PYTHON, "-c", "import django; print(django.get_version())"],
        "gunicorn": [str(GUNICORN), "--version"],
        "postgresql": ["psql", "--version"],
        "redis": ["redis-server", "--version"],
        "wrk": ["wrk", "--version"],
    }.items():
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=20)
            versions[name] = (run.stdout or run.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            versions[name] = "unknown"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": f"{int(memory) // 1024 // 1024} GB",
        **versions,
    }


def bench_size(size, args, static_root, run_id, work_dir):
    env = base_env(
        DJANGO_STATIC_ROOT=str(static_root),
        REDIS_URL=REDIS_URL,
        REDIS_KEY_PREFIX=f"n2m-bench-{run_id}-{size}",
        N2M_BENCH_FLOOR="true",
        DJANGO_BEHIND_PROXY="true",
    )
    log(f"\n== N = {size:,} ==")
    url, seconds, built = ensure_database(size, env, log=log)
    env["DATABASE_URL"] = url
    log(f"  database {'built' if built else 'reused'} in {seconds:.0f} s")
    server = Gunicorn(env, Path(work_dir) / f"gunicorn-{size}.log", args.workers)
    result = {"size": size, "rows": [], "load_before": load_average()}
    try:
        sizes, elsewhere, stylesheet = list_page_weight(server.port)
        result["weight"] = sizes
        api_status = fetch(server.port, "/api/measures/")[0]
        result["api"] = api_status == 200
        paths = [path for _, path, *_ in PAGES if path and path != "/bench/floor"]
        result["elsewhere"] = sorted(set(elsewhere) | set(pages_elsewhere(server.port, paths)))
        log("  counting SQL queries")
        counted = probe(env, [FILTERED, *[p for p in paths if p != FILTERED]], explain=True)
        result["plans"] = counted.pop("_plans", [])
        log("  downloads of the whole catalogue")
        result["downloads"] = download_times(server.port)
        for row in result["downloads"]:
            log(f"  {row['name']:28} first {row['first_s']:.2f} s, next {row['next_ms']:.1f} ms")
        # Every warm-cache run first (the floor at both ends), then the runs that miss
        # the cache, so that no fast run starts while the workers finish slow requests.
        plan = [(name, path, False) for name, path, warm, _ in PAGES if warm]
        plan.append((PAGES[0][0], PAGES[0][1], False))
        plan += [(name, path, True) for name, path, _, cold in PAGES if cold]
        for name, path, uncached in plan:
            path = path or stylesheet
            if path == "/api/measures/" and not result["api"]:
                if not uncached:
                    result["rows"].append({"page": name, "available": False})
                continue
            for _ in range(3):  # warm the workers, the connections and the cache
                fetch(server.port, path)
            figures = wrk(
                server.port,
                path,
                args.duration,
                args.connections,
                args.threads,
                uncached=uncached,
                lua_dir=work_dir,
            )
            drain(server.port)
            hit = fetch(server.port, path)[1].get("X-Page-Cache", "")
            row = {
                "page": name,
                "path": path,
                "cache": "miss" if uncached else ("warm" if hit == "hit" else "n/a"),
                **figures,
                **({"queries": counted[path]} if path in counted else {}),
            }
            result["rows"].append(row)
            log(
                f"  {name:28} {row['cache']:5} {row['rps']:8.0f} req/s"
                f"  p50 {fmt(row['p50'], 1):>7} ms  p99 {fmt(row['p99'], 1):>7} ms"
                + (f"  ({row['non_2xx']} non-2xx)" if row["non_2xx"] else "")
                + (f"  (socket errors: {row['socket_errors']})" if row["socket_errors"] else "")
            )
        # Latency without queueing: one connection, every request missing the cache.
        result["single"] = {}
        for name, path, *_ in PAGES:
            if name not in SINGLE:
                continue
            figures = wrk(server.port, path, args.duration, 1, 1, uncached=True, lua_dir=work_dir)
            drain(server.port)
            result["single"][name] = figures
            log(
                f"  {name:28} miss, 1 connection: p50 {figures['p50']:.1f} ms"
                f"  p99 {figures['p99']:.1f} ms"
            )
        # After every run: what each worker holds, bitmaps and cached texts included.
        result["memory"] = server.worker_memory_mb()
        log("  resident memory per worker: " + ", ".join(f"{mb:.0f} MB" for mb in result["memory"]))
    finally:
        server.stop()
        forget_cache(env["REDIS_KEY_PREFIX"])
    result["load_after"] = load_average()
    return result


def fmt(value, digits=0):
    return "–" if value is None else f"{value:,.{digits}f}"


def floor_rps(rows):
    """The floor's throughput: the mean of its runs before and after the warm pages."""
    runs = [r["rps"] for r in rows if r["page"].startswith("floor")]
    return sum(runs) / len(runs)


def table(result):
    rows = result["rows"]
    floor = floor_rps(rows)
    lines = [
        "| page | page cache | req/s | p50 ms | p99 ms | × floor | SQL queries (miss / hit) |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        if row.get("available") is False:
            lines.append(f"| {row['page']} | not available | | | | | |")
            continue
        queries = row.get("queries")
        counted = f"{queries['uncached']} / {queries['cached']}" if queries else "–"
        errors = f" ({row['non_2xx']} non-2xx)" if row["non_2xx"] else ""
        if row["socket_errors"]:
            errors += f" (socket errors: {row['socket_errors']})"
        lines.append(
            f"| {row['page']}{errors} | {row['cache']} | {fmt(row['rps'])} | {fmt(row['p50'], 1)}"
            f" | {fmt(row['p99'], 1)} | {row['rps'] / floor:.2f} | {counted} |"
        )
    return "\n".join(lines)


def single_table(result):
    lines = ["| page | req/s | p50 ms | p99 ms |", "| --- | ---: | ---: | ---: |"]
    for name, row in result["single"].items():
        lines.append(
            f"| {name} | {fmt(row['rps'])} | {fmt(row['p50'], 1)} | {fmt(row['p99'], 1)} |"
        )
    return "\n".join(lines)


def targets(results):
    """(target, figure, met) for every target, from the results of all sizes."""
    checks = []
    by_size = {r["size"]: r for r in results}
    for result in results:
        rows = result["rows"]
        floor = floor_rps(rows)
        n = f"N={result['size']:,}"
        for page in ("list, unfiltered", "list, 2 filters + search", "detail"):
            row = next(r for r in rows if r["page"] == page and r["cache"] == "warm")
            ratio = row["rps"] / floor
            checks.append((f"{n}: warm {page} ≥ 0.5 × floor", f"{ratio:.2f} ×", ratio >= 0.5))
        for page, limit in QUERY_LIMITS.items():
            counts = [
                r["queries"]["uncached"]
                for r in rows
                if r["page"].startswith(page) and r.get("queries")
            ]
            worst = max(counts) if counts else None
            checks.append(
                (
                    f"{n}: SQL queries, {page} ≤ {limit}",
                    str(worst),
                    worst is not None and worst <= limit,
                )
            )
        missed = {r["page"]: r for r in rows if r["cache"] == "miss"}
        unknown, ordinary = missed.get("search of ten unknown words"), missed.get(FILTERED_NAME)
        if unknown and ordinary and unknown["p50"] and ordinary["p50"]:
            ratio = unknown["p50"] / ordinary["p50"]
            checks.append(
                (
                    f"{n}: uncached search of ten unknown words p50 ≤ 3 × uncached filtered list",
                    f"{unknown['p50']:.1f} / {ordinary['p50']:.1f} ms = {ratio:.1f} ×",
                    ratio <= 3,
                )
            )
        weight = sum(result["weight"].values())
        checks.append(
            (
                f"{n}: list page HTML + CSS + JS ≤ 60 KB compressed",
                f"{weight / 1024:.1f} KB",
                weight <= 60 * 1024,
            )
        )
        checks.append(
            (
                f"{n}: no request to another host",
                ", ".join(result["elsewhere"]) or "none",
                not result["elsewhere"],
            )
        )
    largest, smallest = max(by_size), min(by_size)

    def p50(size, page):
        return by_size[size]["single"][page]["p50"] or float("inf")

    for page in SINGLE:
        if page == "detail":
            continue
        high, low = p50(largest, page), p50(smallest, page)
        checks.append(
            (
                f"N={largest:,}: uncached {page} p50 ≤ {LARGE_P50_MS} ms (1 connection)",
                f"{high:.1f} ms",
                high <= LARGE_P50_MS,
            )
        )
        checks.append(
            (
                f"uncached {page} p50 at N={largest:,} ≤ 2 × at N={smallest:,} (1 connection)",
                f"{high:.1f} / {low:.1f} ms = {high / low:.1f} ×",
                high <= 2 * low,
            )
        )
    low = p50(smallest, "list, unfiltered")
    checks.append(
        (
            f"N={smallest:,}: uncached list, unfiltered p50 ≤ {SMALL_LIST_P50_MS} ms"
            " (1 connection)",
            f"{low:.1f} ms",
            low <= SMALL_LIST_P50_MS,
        )
    )
    high = p50(largest, "detail")
    checks.append(
        (
            f"N={largest:,}: uncached detail p50 ≤ {LARGE_DETAIL_P50_MS} ms (1 connection)",
            f"{high:.1f} ms",
            high <= LARGE_DETAIL_P50_MS,
        )
    )
    worst = max(by_size[largest]["memory"], default=float("inf"))
    checks.append(
        (
            f"N={largest:,}: resident memory of each worker ≤ {WORKER_MB} MB",
            f"{worst:.0f} MB",
            worst <= WORKER_MB,
        )
    )
    return checks


def report(info, args, results, started):
    out = [
        "# Benchmark results",
        "",
        f"One run of `bench/run.py`, {started:%Y-%m-%d %H:%M} UTC. Machine: {info['cpu']},"
        f" {info['cores']} cores, {info['memory']} RAM; {info['os']}.",
        f"Python {info['python']}, Django {info['django']}, {info['gunicorn']},"
        f" {info['postgresql']}, {info['redis']}, {info['wrk']}.",
        "",
        f"gunicorn: {args.workers} sync workers (next2met/gunicorn.conf.py), debug off,"
        " collected static files served by whitenoise, page cache in Redis, PostgreSQL on"
        " the same machine. wrk on the same cores:"
        f" `-t{args.threads} -c{args.connections} -d{args.duration}s`, with"
        " `Accept-Encoding: gzip` and `X-Forwarded-Proto: https` (as behind the proxy)."
        " *warm*: the page cache answers; *miss*: every request adds a new query parameter,"
        " so the page cache never answers (the taxonomy, the facets' options and the cards'"
        " themes, stays cached, as it does between two changes of the catalogue). All warm runs"
        " come first, then the misses, and each run waits until the workers are idle"
        " again; the floor is measured before and after the warm runs, and the ratios use"
        " the mean of the two. SQL queries"
        " are counted in-process for a request the page cache does not answer and for one"
        " it answers, with the taxonomy cached. Other processes on the machine move the"
        " figures: the load average before and after each size is given.",
        "",
        f"Filtered list: `{FILTERED}`; search alone: `{SEARCHED}`;"
        f" detail: `/en/measures/{DETAIL}/`.",
    ]
    for result in results:
        weight = result["weight"]
        out += [
            "",
            f"## N = {result['size']:,} published demo measures (plus the seed measures)",
            "",
            f"Load average before {result['load_before']}, after {result['load_after']}.",
            "",
            table(result),
            "",
            "Missing the cache with one connection (no queueing):",
            "",
            single_table(result),
            "",
            "The whole catalogue's downloads, asked for twice (made, then from the cache):",
            "",
            downloads_table(result),
            "",
            "Resident memory of each worker after every run: "
            + ", ".join(f"{mb:.0f} MB" for mb in result["memory"])
            + ".",
            "",
            "List page, compressed: "
            + ", ".join(f"{kind.upper()} {size / 1024:.1f} KB" for kind, size in weight.items())
            + f"; total {sum(weight.values()) / 1024:.1f} KB.",
            "Addresses on other hosts loaded by the pages: "
            + (", ".join(result["elsewhere"]) or "none")
            + ".",
        ]
    out += ["", "## Targets", "", "| target | figure | met |", "| --- | --- | --- |"]
    out += [f"| {t} | {f} | {'yes' if ok else '**no**'} |" for t, f, ok in targets(results)]
    largest = max(results, key=lambda r: r["size"])
    if largest.get("plans"):
        out += [
            "",
            f"## Query plans of the filtered list at N = {largest['size']:,}",
            "",
            "EXPLAIN (ANALYZE, BUFFERS) of each query of one uncached request, in order.",
        ]
        for plan in largest["plans"]:
            out += ["", "```", plan, "```"]
    return "\n".join(out) + "\n"


def kept_sections(path):
    """The sections other scripts keep in the results file (bench/load.py's), to write back."""
    try:
        previous = path.read_text()
    except FileNotFoundError:
        return ""
    blocks = re.finditer(r"<!-- (\w+):start -->.*?<!-- \1:end -->\n?", previous, re.DOTALL)
    return "".join("\n" + block.group(0) for block in blocks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (10)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (4)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    started = datetime.datetime.now(datetime.UTC)
    run_id = started.strftime("%Y%m%d%H%M%S")
    info = machine()
    log(f"Benchmark on {info['cpu']}, {info['cores']} cores; sizes {args.sizes}")
    with tempfile.TemporaryDirectory(prefix="n2m-bench-") as work_dir:
        static_root = Path(work_dir) / "static"
        log("collectstatic into a temporary STATIC_ROOT")
        manage(base_env(DJANGO_STATIC_ROOT=str(static_root)), "collectstatic", "--noinput")
        results = [
            bench_size(size, args, static_root, run_id, work_dir) for size in sorted(args.sizes)
        ]
    text = report(info, args, results, started)
    args.output.write_text(text + kept_sections(args.output))
    log("\n" + "\n\n".join(f"N = {r['size']:,}\n" + table(r) for r in results))
    log("\nTargets:")
    for target, figure, met in targets(results):
        log(f"  [{'x' if met else ' '}] {target}: {figure}")
    log(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
