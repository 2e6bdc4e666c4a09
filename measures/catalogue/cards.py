"""What a measure's card shows, worked out in Python once per card.

templates/includes/measure_card.html is rendered twenty times on a page of the
list and six on the home page and a measure's page. Each lookup of a model's
attribute there costs the template engine a failed dictionary lookup first, and a
translated text a look at the page's language for each of its uses; this module
does that work once per card and hands the template plain values. The words and
the addresses of the card's actions are the same on every card: translated and
reversed once per language (`words()`, measures.models.addresses).
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from measures.content_language import LocalText, localized, page_language
from measures.models.addresses import fixed_url
from measures.search.highlight import highlight

# The words every card shows, translated once per language rather than twenty times a page.
# Marked safe, as the template's own {% translate %} marks them.
WORDS = {
    "themes": _("Themes"),
    "budget": _("Budget"),
    "evidence": _("Evidence"),
    "not_documented": _("Not documented"),
    "compare": _("Compare"),
    "add_to_dossier": _("Add to dossier"),
    "added_to_dossier": _("Added to your dossier."),
    "open_dossier": _("Open your dossier"),
    "chosen_for_comparison": _("Chosen for the comparison."),
    "open_comparison": _("Open the comparison"),
}
# language → WORDS in it
_words = {}


def words():
    """WORDS in the active language."""
    language = get_language()
    found = _words.get(language)
    if found is None:
        found = _words[language] = {key: mark_safe(str(text)) for key, text in WORDS.items()}
    return found


def card(measure, query=""):
    """{name: value} of everything templates/includes/measure_card.html shows of `measure`.

    With search words (`query`), the title, summary and theme names come with the
    words marked, escaped; without, as plain text for the template to escape.
    """
    language = page_language()
    title = localized(measure, "title")
    summary = localized(measure, "summary")
    region_name = localized(measure.region, "name")
    themes = []
    for theme in measure.theme_list:
        name = localized(theme, "name")
        themes.append({"name": _marked(name, query), "lang": _lang_attr(name, language)})
    return {
        "url": measure.get_absolute_url(),
        "slug": measure.slug,
        "title": title,
        "title_lang": _lang_attr(title, language),
        "marked_title": _marked(title, query),
        "summary": _marked(summary, query),
        "summary_lang": _lang_attr(summary, language),
        "region_name": region_name,
        "region_lang": _lang_attr(region_name, language),
        "country": measure.region.get_country_display(),
        "years": measure.years if measure.start_year or measure.end_year else None,
        "themes": themes,
        # Set by the list for a search that found words outside the title and summary.
        "match": measure.__dict__.get("match"),
        "implementation": measure.implementation,
        "implementation_label": capfirst(measure.get_implementation_display()),
        "budget": measure.get_budget_band_display() if measure.budget_band else None,
        "evidence": measure.get_evidence_level_display() if measure.evidence_level else None,
        "dossier_add_url": fixed_url("measures:dossier_add"),
        "dossier_url": fixed_url("measures:dossier"),
        "compare_choose_url": fixed_url("measures:compare_choose"),
        "words": words(),
    }


def _marked(text, query):
    return highlight(str(text), query) if query else text


def _lang_attr(text, language):
    """LocalText.lang_attr, with the page's language looked up once per card."""
    if isinstance(text, LocalText) and text.lang != language:
        return format_html(' lang="{}"', text.lang)
    return ""
