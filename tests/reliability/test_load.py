"""Sixty seconds of fifty connections over thousands of addresses: no 5xx, no connection error.

Runs bench/load.py as an operator would (gunicorn with the production settings
on PostgreSQL with 10,000 demo measures, wrk over a mix of pages), writing its
figures into a copy of bench/results.md, so running the tests leaves the
recorded results alone. Run by `make reliability`; the figures are printed.
"""

import json
import re
import shutil
import subprocess

import pytest

from tests.deploy.conftest import PYTHON, ROOT

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.timeout(900),
    pytest.mark.django_db(databases=[]),
]

LOAD_PORT = 8103


def test_fifty_connections_for_a_minute_get_no_server_error_and_no_connection_error(tmp_path):
    if not shutil.which("wrk"):
        pytest.skip("wrk is not installed (apt-get install -y wrk)")
    results = tmp_path / "results.md"
    shutil.copy(ROOT / "bench" / "results.md", results)
    kept = (ROOT / "bench" / "results.md").read_text()

    finished = subprocess.run(
        [PYTHON, "bench/load.py", "--port", str(LOAD_PORT), "--output", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    print(finished.stdout)
    found = re.search(r"^LOAD-FIGURES (\{.*\})$", finished.stdout, re.MULTILINE)
    assert found, finished.stdout + finished.stderr
    figures = json.loads(found.group(1))
    assert finished.returncode == 0, finished.stdout[-4000:] + finished.stderr[-4000:]
    assert not [status for status in figures["statuses"] if status.startswith("5")]
    assert figures["errors"] == {
        "connect": 0,
        "read": 0,
        "write": 0,
        "timeout": 0,
        "status": figures["errors"]["status"],
    }
    assert figures["requests"] >= 300
    assert figures["distinct"] >= 5000
    # Both the page cache and the pages behind it were exercised.
    assert figures["cache"]["hit"] > 0
    assert figures["cache"]["miss"] > figures["cache"]["hit"]
    # The figures went into the marked section of the copy, and the rest was kept.
    written = results.read_text()
    assert "<!-- load:start -->" in written
    assert f"| requests sent | {figures['requests']:,} |" in written
    before_section = kept.split("<!-- load:start -->")[0]
    assert written.startswith(before_section)
