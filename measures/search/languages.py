"""Which of PostgreSQL's text search dictionaries reads which language.

PostgreSQL stems German, Finnish and Spanish; it has no Polish or Catalan
dictionary, so those are read word by word, as SQLite reads every language.
Keys are interface languages (settings.LANGUAGES) and the countries of the
partner regions (a Spanish region's local titles are Catalan).
"""

# Texts in other languages than English (measures.models.translation), by language.
TRANSLATION_CONFIGS = {"de": "german", "fi": "finnish", "es": "spanish"}
# A measure's local title, by its region's country.
REGION_CONFIGS = {"AT": "german", "DE": "german", "FI": "finnish"}


def query_config(language):
    """The dictionary a query on a page in `language` is read with, besides English."""
    return TRANSLATION_CONFIGS.get(language)
