"""Template helpers of the public catalogue pages."""

from django import template

from measures import content_language
from measures.search.highlight import highlight as mark_words

register = template.Library()


@register.filter
def highlight(text, query):
    """The text, escaped, with the words of the visitor's search marked."""
    return mark_words(str(text), query or "")


@register.filter
def localized(obj, field):
    """`{{ measure|localized:"title" }}`: the field in the visitor's language, or English.

    The result knows its language: `{{ title.lang_attr }}` marks English fallback text.
    """
    return content_language.localized(obj, field)
