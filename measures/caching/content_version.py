"""The content version: one number in the shared cache that changes with the public content.

Everything cached from the catalogue's content (whole public pages, the facet
options of the measure list) is stored under a key that contains this number.
Any change to a measure, region, theme, target group, partner or anything else
of the catalogue's apps increments it (`measures.caching.signals`), so every
entry made before the change is never read again and expires on its own. The
number lives in the shared cache (Redis in production), so every app server
sees a change at its next request.

When the number is missing (a fresh cache, or Redis evicted it) it starts from
the clock in microseconds, so it never goes back to a value that entries were
stored under before. Beside it the cache keeps the time of the last change, the
Last-Modified of pages that depend on more than one row.

During a request the version is read from the cache once and remembered, with
whatever `remember()` keeps under it (the facet options), until the request
ends or the content changes.
"""

import functools
import logging
import math
import time

from asgiref.local import Local
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

logger = logging.getLogger(__name__)

KEY = "content-version"
CHANGED_AT_KEY = "content-changed-at"


def _start():
    now = time.time()
    version = int(now * 1_000_000)
    if cache.add(KEY, version, timeout=None):
        cache.set(CHANGED_AT_KEY, now, timeout=None)
    else:
        version = cache.get(KEY, version)
    return version


# What this request has read so far; None outside a request, where nothing is kept.
_request = Local()
# Whether this thread incremented the version inside a transaction and has not read it since.
_thread = Local()


def _request_started(**kwargs):
    _request.memo = {}


def _request_finished(**kwargs):
    _request.memo = None


request_started.connect(_request_started, dispatch_uid="content-version-request-started")
request_finished.connect(_request_finished, dispatch_uid="content-version-request-finished")


def _memo():
    return getattr(_request, "memo", None)


def remember(name, compute):
    """`compute()`, kept for the rest of the request under the current version."""
    memo = _memo()
    if memo is None:
        return compute()
    key = (current(), name)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def current():
    """The content version now; raises if the cache cannot be reached."""
    _thread.unread_increment = False
    memo = _memo()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = cache.get(KEY)
    version = _start() if version is None else version
    if memo is not None:
        memo["version"] = version
    return version


def read_with(*keys):
    """(the content version, {key: value} of the `keys` found), in one round trip."""
    values = cache.get_many([KEY, *keys])
    version = values.pop(KEY, None)
    if version is None:
        version = _start()
    _thread.unread_increment = False
    memo = _memo()
    if memo is not None:
        memo["version"] = version
    return version, values


def changed_at():
    """When the content last changed (seconds since the epoch, rounded up), or None."""
    value = cache.get(CHANGED_AT_KEY)
    return None if value is None else math.ceil(value)


def _increment():
    memo = _memo()
    if memo is not None:
        memo.clear()
    try:
        try:
            cache.incr(KEY)
            cache.set(CHANGED_AT_KEY, time.time(), timeout=None)
        except ValueError:
            # Missing: starting from the clock is newer than anything stored before.
            _start()
    except Exception:
        # A cache that cannot be reached must not break an editor's save; the
        # entries expire after N2M_PAGE_CACHE_TIMEOUT in any case.
        logger.exception("Could not change the content version in the cache")


def bump():
    """Mark the public content as changed: now, and again when the transaction commits.

    Now, so the next read in this transaction already misses; on commit, so an
    app server that rendered the old content between the two (it cannot see
    uncommitted rows) cannot leave that page cached under the new version.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _increment()
        return
    # Inside a transaction only this thread sees the change before the commit: one
    # increment is enough until it reads the version again, and one more on commit,
    # however many rows the transaction changes (deleting 100,000 demo measures).
    if not getattr(_thread, "unread_increment", False):
        _increment()
        _thread.unread_increment = True
    if not _pending(connection):
        transaction.on_commit(_increment)


def _pending(connection):
    """Whether this transaction will already increment the version when it commits."""
    return any(entry[1] is _increment for entry in getattr(connection, "run_on_commit", []))


def key(*parts):
    """A cache key for content-derived data: `parts` prefixed with the current version."""
    return ":".join(["content", str(current()), *map(str, parts)])


@functools.cache
def release():
    """What identifies the deployed static files: the hash of their manifest, "" without one.

    Part of every page key and ETag, so HTML cached by an earlier release, which names
    that release's hashed CSS and JS files, is not served by the next one.
    """
    return getattr(staticfiles_storage, "manifest_hash", "") or ""
