"""Large public downloads kept finished in the shared cache: the exports and the sitemaps.

Making one of them reads every measure it holds and writes it out: seconds for
the whole catalogue at 10,000 measures, on every request. `cached_download`
keeps the body a view made, gzip-compressed, under the address asked for (scheme,
host, path and query string), SITE_URL (links start with it), the language and
the day (downloads are named after it), with the content version it was made
at, as the page cache does for pages. A later request for the same address at
the same version reads no database at all: a client that accepts gzip gets the
stored bytes as they are, any other gets them unpacked while they are sent.

The first request is not held up: a streamed body (the exports) goes out chunk
by chunk as it is made, compressed on the way, and only the compressed copy is
collected, so the body never sits in memory whole; once the copy grows past
N2M_DOWNLOAD_CACHE_MAX_BYTES collecting stops, and the download is sent in full
but not kept. A download cut short is not kept either. A sitemap page is made
whole, as Django makes it (at most 10,000 addresses), then kept compressed.

As with the page cache, only what is the same for every anonymous visitor is
kept: a 200 answer without cookies, not marked private or no-store, to a GET or
HEAD of a visitor who is not signed in.

What costs seconds must not be asked for at will. The key names the download,
not the way its address was written: only the parameters a view reads count
(`params`), or the query string its filters would write for themselves
(`canonical`), so empty, default, repeated or reordered parameters find the
body already kept. And one body is made once at a time: the request that
misses first claims it (a short-lived mark in the cache); another that misses
meanwhile waits up to BUILD_WAIT seconds for the body to be kept. If the first
stops without keeping one, the waiting request makes it; if the first is still
at work, the answer is 503 with Retry-After rather than a second worker making
the same seconds-long body.
"""

import functools
import hashlib
import logging
import time
import zlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext

from measures.caching import content_version

logger = logging.getLogger(__name__)

HEADER = "X-Download-Cache"
# gzip's own format, not raw deflate: the stored bytes go out as Content-Encoding: gzip.
GZIP = 31
# How much of a stored body goes out (or is unpacked) at a time.
SEND_SIZE = 64 * 1024
# Headers the answer sets for itself, from how it is sent.
OWN_HEADERS = {"content-length", "content-encoding", HEADER.lower()}
UNCACHEABLE_DIRECTIVES = {"private", "no-store"}
# How long a request that finds a body being made waits for it (less than a gunicorn
# worker's timeout), how often it looks, and when it asks its client to come back.
BUILD_WAIT = 25
BUILD_POLL = 0.2
RETRY_AFTER = 30
# The mark of a body being made outlives a worker killed while making it by no more than
# this; a body is sent as it is made, and the mark goes once it is all sent.
BUILD_MARK_TIMEOUT = 60


def download_key(request, params=None, canonical=None):
    """The cache key of the download `request` asks for; the arguments: cached_download()."""
    path = request.get_full_path()
    if canonical is not None:
        path = f"{request.path}?{canonical(request)}"
    elif params is not None:
        kept = [(name, request.GET.getlist(name)) for name in params]
        path = f"{request.path}?{urlencode(kept, doseq=True)}"
    address = "|".join(
        [
            settings.SITE_URL,
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            path,
        ]
    )
    return "download:" + hashlib.sha256(address.encode()).hexdigest()


def cached_download(view, *, params=None, canonical=None):
    """`view`, whose answers are kept finished in the shared cache (see the module's doc).

    `params`: the names of the only query parameters the view reads, for a view
    that reads few; other parameters then make no new entry, so junk added to
    the address cannot make it build the body again. By default the whole query
    string counts. `canonical`: a function of the request that gives the query
    string naming its download, the same for every spelling of the same filters
    (empty or default values, repeats, another order); it wins over `params`.
    """

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_use(request):
            return view(request, *args, **kwargs)
        try:
            key = download_key(request, params, canonical)
            version, found = content_version.read_with(key)
        except Exception:
            # A cache that cannot be reached costs time, never the download.
            logger.exception("Download cache unavailable")
            return view(request, *args, **kwargs)
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            return _from_cache(request, *stored[1:])
        # A HEAD neither waits nor makes others wait: its body may never be read.
        mark = BuildMark(key, version, claimable=request.method == "GET")
        if not mark.claim():
            stored = mark.wait()
            if stored is not None:
                return _from_cache(request, *stored[1:])
            if mark.is_held():
                return _busy()
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            mark.release()
            raise
        if not _may_keep(response):
            mark.release()
            return response
        # The version read before the body was made: a change made meanwhile makes
        # the next request miss instead of keeping this body.
        return _keeping(
            request, response, lambda body: _store(key, version, response, body), mark.release
        )

    return cached_view


class BuildMark:
    """The mark in the shared cache that one request is making the body kept under `key`."""

    def __init__(self, key, version, claimable=True):
        self.key, self.version = key, version
        self.mark = f"{key}:making:{version}"
        self.claimable = claimable
        self.claimed = False

    def claim(self):
        """Whether this request makes the body (no other is making it)."""
        if not self.claimable:
            return True
        try:
            self.claimed = cache.add(self.mark, True, BUILD_MARK_TIMEOUT)
        except Exception:
            logger.exception("Download cache unavailable")
            self.claimed = False
            return True
        return self.claimed

    def wait(self):
        """The body another request kept meanwhile, or None once it stopped making it."""
        deadline = time.monotonic() + BUILD_WAIT
        while time.monotonic() < deadline:
            time.sleep(BUILD_POLL)
            try:
                found = cache.get_many([self.key, self.mark])
            except Exception:
                logger.exception("Download cache unavailable")
                return None
            stored = found.get(self.key)
            if stored is not None and stored[0] == self.version:
                return stored
            if self.mark not in found:
                return None
        return None

    def is_held(self):
        """Whether another request is still making the body."""
        try:
            return cache.get(self.mark) is not None
        except Exception:
            logger.exception("Download cache unavailable")
            return False

    def release(self):
        if self.claimed:
            self.claimed = False
            try:
                cache.delete(self.mark)
            except Exception:
                logger.exception("Download cache unavailable")


def _may_use(request):
    user = getattr(request, "user", None)
    return (
        settings.N2M_DOWNLOAD_CACHE_TIMEOUT > 0
        and request.method in ("GET", "HEAD")
        and not (user is not None and user.is_authenticated)
    )


def _may_keep(response):
    if response.status_code != 200 or response.cookies or response.has_header("Content-Encoding"):
        return False
    if response.streaming and response.is_async:
        return False
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & UNCACHEABLE_DIRECTIVES


def _accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _as_gzip(response, length=None):
    response["Content-Encoding"] = "gzip"
    # As GZipMiddleware does: a strong ETag names the bytes, which gzip changed.
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
    if length is None:
        del response["Content-Length"]
    else:
        response["Content-Length"] = str(length)
    patch_vary_headers(response, ("Accept-Encoding",))


def _store(key, version, response, body):
    if len(body) > settings.N2M_DOWNLOAD_CACHE_MAX_BYTES:
        return
    headers = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
    try:
        cache.set(
            key,
            (version, response.streaming, headers, body),
            settings.N2M_DOWNLOAD_CACHE_TIMEOUT,
        )
    except Exception:
        logger.exception("Download cache unavailable")


def _keeping(request, response, store, done):
    """`response` as it goes out, with its gzip copy handed to `store` once complete.

    `done` is called once the body is kept or will not be (cut short, too large).
    """
    gzip = _accepts_gzip(request)
    if response.streaming:
        response.streaming_content = _then(_streamed(response.streaming_content, gzip, store), done)
        # Also when the body is never read (a HEAD whose body is dropped): the server
        # closes every answer at the end of its request.
        response._resource_closers.append(done)
    else:
        try:
            if hasattr(response, "render"):
                response.render()
            body = zlib.compress(response.content, wbits=GZIP)
            store(body)
        finally:
            done()
        if gzip:
            response.content = body
    if gzip:
        _as_gzip(response, None if response.streaming else len(response.content))
    else:
        patch_vary_headers(response, ("Accept-Encoding",))
    response[HEADER] = "miss"
    return response


class GzipCopy:
    """The gzip copy of a body as it is sent; it stops collecting when it grows too large."""

    def __init__(self):
        self.compressor = zlib.compressobj(wbits=GZIP)
        self.parts, self.size = [], 0

    @property
    def collecting(self):
        return self.parts is not None

    def add(self, data):
        return self._collect(self.compressor.compress(data))

    def finish(self):
        return self._collect(self.compressor.flush())

    def body(self):
        return None if self.parts is None else b"".join(self.parts)

    def _collect(self, packed):
        if self.parts is not None:
            self.size += len(packed)
            if self.size > settings.N2M_DOWNLOAD_CACHE_MAX_BYTES:
                self.parts = None
            else:
                self.parts.append(packed)
        return packed


def _streamed(chunks, gzip, store):
    """`chunks` as sent (compressed if `gzip`), collecting their gzip copy on the way."""
    copy = GzipCopy()
    for chunk in chunks:
        if gzip:
            packed = copy.add(chunk)
            if packed:
                yield packed
            continue
        if copy.collecting:
            copy.add(chunk)
        yield chunk
    if gzip or copy.collecting:
        tail = copy.finish()
        if gzip:
            yield tail
    # Only now, after the last chunk: a download cut short never gets here.
    body = copy.body()
    if body is not None:
        store(body)


def _busy():
    response = HttpResponse(
        gettext("This download is being made just now. Please ask again in a minute."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _then(chunks, done):
    """`chunks`, and `done()` once they are all sent, or sending them stopped."""
    try:
        yield from chunks
    finally:
        done()


def _from_cache(request, streaming, headers, body):
    gzip = _accepts_gzip(request)
    if streaming:
        response = StreamingHttpResponse(_slices(body) if gzip else _unpacked(body))
    else:
        response = HttpResponse(body if gzip else zlib.decompress(body, wbits=GZIP))
    for name, value in headers:
        response[name] = value
    if gzip:
        _as_gzip(response, len(body))
    else:
        patch_vary_headers(response, ("Accept-Encoding",))
    response[HEADER] = "hit"
    return response


def _slices(body):
    for start in range(0, len(body), SEND_SIZE):
        yield body[start : start + SEND_SIZE]


def _unpacked(body):
    decompressor = zlib.decompressobj(wbits=GZIP)
    for packed in _slices(body):
        yield decompressor.decompress(packed)
    yield decompressor.flush()
