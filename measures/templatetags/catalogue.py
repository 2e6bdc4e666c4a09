"""Template helpers of the public catalogue pages."""

from django import template

from measures import content_language
from measures.catalogue import cards
from measures.catalogue import facet_sidebar as sidebar
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


@register.simple_tag
def facet_sidebar(facets):
    """The list's facets as its filter form shows them (measures.catalogue.facet_sidebar)."""
    return sidebar.sidebar(facets)


@register.simple_tag
def measure_card(measure, query=""):
    """What a measure's card shows (measures.catalogue.cards)."""
    return cards.card(measure, query or "")


# The texts of a measure a visitor reads on its page and in the comparison.
MEASURE_TEXTS = ("title", "summary", "description", *GOOD_PRACTICE_FIELDS, "information_note")
CARD_TEXTS = ("title", "summary")


# What the fit check page shows of a measure besides its prerequisites.
FIT_TEXTS = ("title",)


def prerequisites_in_english(measure):
    """Whether the measure's fit-check questions are shown in English on this page.

    Prerequisites are entered in English only; the measure's page and its fit check
    ask one question for each.
    """
    if content_language.translated_language() is None:
        return False
    return any(p.local_condition.is_fallback for p in measure.prerequisites.all())


@register.inclusion_tag("includes/content_language_notice.html")
def language_notice(measure, fields="page"):
    """A short notice where some of the measure's texts are shown in English on this page.

    `fields="fit"`: the fit check page, which shows the title and the questions only.
    """
    texts = FIT_TEXTS if fields == "fit" else MEASURE_TEXTS
    return {
        "show": content_language.falls_back(measure, texts) or prerequisites_in_english(measure)
    }


@register.simple_tag
def language_notices(measures, fields="page"):
    """Whether any text of `measures` is shown in English on this page.

    `fields="card"` asks about the title and summary only, which is all a card shows
    (and all a list reads from the database).
    """
    texts = CARD_TEXTS if fields == "card" else MEASURE_TEXTS
    return any(content_language.falls_back(measure, texts) for measure in measures)
