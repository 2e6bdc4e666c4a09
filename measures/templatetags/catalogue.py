"""Template helpers of the public catalogue pages."""

from django import template

from measures import content_language
from measures.models import GOOD_PRACTICE_FIELDS
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


# The texts of a measure a visitor reads on its page and in the comparison.
MEASURE_TEXTS = ("title", "summary", "description", *GOOD_PRACTICE_FIELDS, "information_note")
CARD_TEXTS = ("title", "summary")


@register.inclusion_tag("includes/content_language_notice.html")
def language_notice(measure):
    """A short notice where some of the measure's texts are shown in English on this page."""
    return {"show": content_language.falls_back(measure, MEASURE_TEXTS)}


@register.simple_tag
def language_notices(measures, fields="page"):
    """Whether any text of `measures` is shown in English on this page.

    `fields="card"` asks about the title and summary only, which is all a card shows
    (and all a list reads from the database).
    """
    texts = CARD_TEXTS if fields == "card" else MEASURE_TEXTS
    return any(content_language.falls_back(measure, texts) for measure in measures)
