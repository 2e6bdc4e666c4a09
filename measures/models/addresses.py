"""Addresses reversed once per language, not once per row.

A list shows twenty measures, the sitemap and the feeds thousands, each with
the address of its page; reverse() walks the URL resolver for every one of them.
`slug_url("measures:detail", slug)` reverses the view once per language, script
prefix and URLconf with a stand-in slug and puts each row's slug in its place:
a slug of the letters, digits, hyphens and underscores that the `<slug:slug>`
converter accepts comes out of reverse() as it went in. Any other value is left
to reverse() itself. `fixed_url(name)` is the address of a view without
arguments, such as the one every card's "Add to dossier" posts to.
"""

import re

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

STAND_IN = "slug-stand-in"
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# (view name, language, script prefix, URLconf) → the address, or the parts around the slug
_addresses = {}
_patterns = {}


def fixed_url(name):
    """reverse(name) of a view without arguments."""
    key = (name, get_language(), get_script_prefix(), get_urlconf())
    address = _addresses.get(key)
    if address is None:
        address = _addresses[key] = reverse(name)
    return address


def slug_url(name, slug):
    """reverse(name, kwargs={"slug": slug}) of a view whose one argument is a slug."""
    if not SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    key = (name, get_language(), get_script_prefix(), get_urlconf())
    parts = _patterns.get(key)
    if parts is None:
        before, _, after = reverse(name, kwargs={"slug": STAND_IN}).partition(STAND_IN)
        parts = _patterns[key] = (before, after)
    return parts[0] + slug + parts[1]
