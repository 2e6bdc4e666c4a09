"""Template helpers shared by every page of the site."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


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
