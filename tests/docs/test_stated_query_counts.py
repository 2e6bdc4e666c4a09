"""The numbers of SQL queries the documents and the benchmark state are those the tests pin.

The operators' page on scaling names, for each page in its table, the test that pins
its count (`path::test`); the count it states must be that test's, so the page cannot
promise what the code no longer does. The benchmark's target for a measure's page is
read from the same test (tests/query_pins.py).
"""

import importlib
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.query_pins import PUBLIC_PAGES, pinned_count

ROOT = Path(settings.BASE_DIR)
SCALING = ROOT / "docs" / "operators" / "scaling.md"
# | page | SQL queries | `path::test` |, and `path::test` (last count) for the test's last count
ROW = re.compile(r"^\| ([^|]+?) \| (\d+) \| `([\w/.]+\.py)::(\w+)`( \(last count\))? \|$", re.M)


def stated_counts():
    return [
        (page, int(count), path, test, bool(last))
        for page, count, path, test, last in ROW.findall(SCALING.read_text())
    ]


def test_scaling_states_the_counts_of_the_main_pages():
    tests = {test for _page, _count, _path, test, _last in stated_counts()}

    assert {
        "test_home_page_queries",
        "test_measure_list_queries",
        "test_measure_detail_queries",
        "test_api_list_queries",
    } <= tests


@pytest.mark.parametrize(
    ("page", "count", "path", "test", "last"), stated_counts(), ids=lambda value: str(value)
)
def test_scaling_states_the_count_its_test_pins(page, count, path, test, last):
    assert count == pinned_count(path, test, last=last), f"docs/operators/scaling.md: {page}"


@pytest.fixture
def bench_run(monkeypatch):
    """bench/run.py as the benchmark imports it, beside its own modules."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    for name in ("run", "build", "server"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    module = importlib.import_module("run")
    yield module
    for name in ("run", "build", "server"):
        sys.modules.pop(name, None)


def detail_target(bench_run, queries):
    """The benchmark's target for a measure's page, given a run that counted `queries`."""
    warm = [
        {"page": page, "cache": "warm", "rps": 900.0, "queries": {"uncached": n}}
        for page, n in [("list, unfiltered", 1), ("list, 2 filters + search", 2)]
    ]
    result = {
        "size": 1000,
        "rows": [
            {"page": "floor (bare Django view)", "cache": "warm", "rps": 1000.0},
            *warm,
            {"page": "detail", "cache": "warm", "rps": 900.0, "queries": {"uncached": queries}},
            {"page": "list, 2 filters + search", "cache": "miss", "rps": 100.0, "p50": 20.0},
        ],
        "single": {page: {"p50": 10.0} for page in bench_run.SINGLE},
        "memory": [100.0, 100.0],
        "weight": {"html": 20_000},
        "elsewhere": [],
    }
    targets = bench_run.targets([result])
    return next(target for target in targets if "SQL queries, detail" in target[0])


def test_benchmark_holds_a_measures_page_to_the_pinned_count(bench_run):
    pinned = pinned_count(PUBLIC_PAGES, "test_measure_detail_queries", last=True)

    label, figure, met = detail_target(bench_run, pinned)
    assert label == f"N=1,000: SQL queries, detail ≤ {pinned}"
    assert (figure, met) == (str(pinned), True)

    assert detail_target(bench_run, pinned + 1)[2] is False
