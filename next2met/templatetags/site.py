"""Template helpers shared by every page of the site."""

import re
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, override

register = template.Library()

LANGUAGE_PREFIX = re.compile(r"^/([a-z]{2}(?:-[a-z]+)?)/")


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def nav_item(context, url, label):
    """A main-navigation link, marked current on its own page and on the pages below it."""
    request = context.get("request")
    # Error pages render without a request; nothing is current there.
    path = request.path if request else ""
    if path == url:
        current = "page"
    elif path and path.startswith(url):
        current = "true"
    else:
        current = ""
    return {"url": url, "label": label, "current": current}


@register.filter
def host(url):
    """The host name of an address, without "www.", for showing where a link leads."""
    name = urlsplit(str(url)).hostname or ""
    return name.removeprefix("www.")


@register.filter
def total_minutes(duration):
    """A timedelta as whole minutes, rounded up: `{{ cooloff|total_minutes }}`."""
    return max(1, -(-int(duration.total_seconds()) // 60))


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to the same page, with the same query string, in every language of the site."""
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else ""
    languages = []
    for code, _name in settings.LANGUAGES:
        languages.append(
            {
                "code": code,
                "name": capfirst(get_language_info(code)["name_local"]),
                "url": _same_page_in(path, code),
                "current": code == current,
            }
        )
    return {"languages": languages}


def _same_page_in(path, language):
    if not path:
        # An error page rendered without a request: the home page in that language.
        with override(language):
            return reverse("home")
    translated = translate_url(path, language)
    if translated == path and LANGUAGE_PREFIX.match(path):
        # A page the URL map does not know (the 404 page): swap the prefix.
        translated = LANGUAGE_PREFIX.sub(f"/{language}/", path, count=1)
    return translated


@register.simple_tag
def source_lang():
    """` lang="en"` on a page in another language, for text that exists only in English."""
    if (get_language() or "").split("-")[0] == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag
def content_license():
    """The content's licence (settings.CONTENT_LICENSE): spdx, name, short_name, url."""
    return settings.CONTENT_LICENSE


@register.simple_tag
def content_license_link():
    """A link to the content's licence, named by its full and short names, marked rel="license"."""
    license = settings.CONTENT_LICENSE
    return format_html(
        '<a href="{}" rel="license">{} ({})</a>',
        license["url"],
        license["name"],
        license["short_name"],
    )
