"""Template helpers of the public catalogue pages."""

from django import template

from measures import search

register = template.Library()


@register.filter
def highlight(text, query):
    """The text, escaped, with the words of the visitor's search marked."""
    return search.highlight(str(text), query or "")
