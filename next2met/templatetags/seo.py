"""What base.html tells search engines and link previews about a page: its canonical address."""

from django import template

from measures.site_url import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address at SITE_URL without its query string; "" where there is no request."""
    request = context.get("request")
    return absolute_url(request.path) if request else ""
