"""The numbers of SQL queries the tests pin, read from the tests' own source.

A page's count is stated once, in its query-count test
(`django_assert_num_queries(N)`); the operators' page on scaling and the
benchmark's targets read it from there instead of repeating it. Standard
library only, so that bench/run.py can use it outside Django.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The public pages' counts: home, list, a measure's page, region, theme and partner pages.
PUBLIC_PAGES = "tests/catalogue/test_query_counts_of_public_pages.py"


def pinned_counts(path, test_name):
    """Every count the test `test_name` of `path` (relative to the project) pins, in order."""
    tree = ast.parse((ROOT / path).read_text(), filename=str(path))
    test = next(
        (
            node
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name == test_name
        ),
        None,
    )
    if test is None:
        raise LookupError(f"{path} has no test {test_name}")
    calls = sorted(
        (
            node
            for node in ast.walk(test)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "django_assert_num_queries"
        ),
        key=lambda call: (call.lineno, call.col_offset),
    )
    # A literal number only: a count worked out at run time is no statement to read.
    return [ast.literal_eval(call.args[0]) for call in calls]


def pinned_count(path, test_name, last=False):
    """The first count the test pins, or with `last` its last: a test that pins the first
    request after a change of the catalogue and then the next one pins the page as every
    other view sees it last."""
    counts = pinned_counts(path, test_name)
    if not counts:
        raise LookupError(f"{test_name} of {path} pins no number of queries")
    return counts[-1] if last else counts[0]
