"""The site's public address, settings.SITE_URL: the start of every absolute link it writes.

robots.txt, the sitemaps, the feeds, the API, the downloads, the pages' canonical
and structured-data links and every e-mail start their links here, never with
the Host a request named. Django accepts an allowed host with any port
(`localhost:6666`), and a proxy may pass on whatever Host a client sent; a link
built from it would send readers, search engines and mail recipients to an
address of the sender's choosing.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url():
    """The public address without a trailing slash, e.g. https://catalogue.example.org."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path):
    """`/en/measures/x/` → `https://catalogue.example.org/en/measures/x/`.

    An address that is absolute already (a file on another storage) stays as it is.
    """
    if urlsplit(path).scheme:
        return path
    return site_url() + path


def rooted_at_site(url):
    """An absolute URL that Django built from the request's host, moved to the site's address."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def site_scheme_and_host():
    """("https", "catalogue.example.org") for the parts of Django that want them apart."""
    parts = urlsplit(site_url())
    return parts.scheme, parts.netloc
