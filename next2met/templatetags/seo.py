"""What base.html tells search engines and link previews about a page: its canonical address."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's absolute address without its query string; "" where there is no request."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request else ""
