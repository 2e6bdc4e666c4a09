"""Inside Django, with the benchmark's settings: the SQL each page runs, and its plans.

    python bench/probe.py URL [URL ...]

Prints JSON: for every URL, the number of SQL queries of a request the page
cache does not answer (after one request that fills the facet options) and of
one it answers; with --explain, EXPLAIN (ANALYZE, BUFFERS) of the queries of
the first URL. bench/run.py starts it with the same environment as gunicorn.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "next2met.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

HEADERS = {"accept-encoding": "gzip", "x-forwarded-proto": "https"}


def count_queries(client, url):
    # Read each capture at once: every request starts by emptying the query log.
    with override_settings(N2M_PAGE_CACHE_TIMEOUT=0):
        client.get(url, headers=HEADERS)
        with CaptureQueriesContext(connection) as uncached:
            response = client.get(url, headers=HEADERS)
        sql = [query["sql"] for query in uncached.captured_queries]
    client.get(url, headers=HEADERS)  # fills the page cache
    with CaptureQueriesContext(connection) as cached:
        hit = client.get(url, headers=HEADERS)
    return {
        "status": response.status_code,
        "uncached": len(sql),
        "cached": len(cached.captured_queries),
        "cache_header": hit.get("X-Page-Cache", ""),
        "sql": sql,
    }


def explain(statements):
    plans = []
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def main(argv):
    want_plans = "--explain" in argv
    urls = [arg for arg in argv if not arg.startswith("--")]
    client = Client(secure=True)
    result = {url: count_queries(client, url) for url in urls}
    if want_plans and connection.vendor == "postgresql":
        result["_plans"] = explain(result[urls[0]]["sql"])
    for entry in result.values():
        if isinstance(entry, dict):
            entry.pop("sql", None)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
