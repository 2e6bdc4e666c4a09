"""Template helpers of the public catalogue pages."""

from django import template

from measures import content_language, search

register = template.Library()


@register.filter
def highlight(text, query):
    """The text, escaped, with the words of the visitor's search marked."""
    return search.highlight(str(text), query or "")


@register.filter
def localized(obj, field):
    """`{{ measure|localized:"title" }}`: the field in the visitor's language, or English.

    The result knows its language: `{{ title.lang_attr }}` marks English fallback text.
    """
    return content_language.localized(obj, field)
