"""A measure's searchable text, in the form search compares: `Measure.search_text`.

Four lines, one per weight, each the normalized words (measures.search.normalize)
of its texts in every language:

A  the title, the local title and the titles in other languages;
B  the summary in every language and the names of the themes;
C  the description and the good-practice sections in every language, the main
   institution and the funding;
D  the names of the region and of the partner, in every language they have.

SQLite finds a word's beginning in it with LIKE; PostgreSQL builds the search
vector from it (measures.search.index); both rank by it (measures.search.rank).
Kept up to date by measures.search.index.
"""

from measures.search.normalize import normalize

SECTIONS = "ABCD"
# How much a word found in each section counts, on both databases (PostgreSQL's
# ts_rank_cd gets them too): the title most, the long texts least. A region's or
# partner's name says less about what a measure is than its summary and themes, but
# more than a word somewhere in its long texts.
WEIGHTS = {"A": 1.0, "B": 0.5, "C": 0.2, "D": 0.3}
BODY_FIELDS = (
    "description",
    "problem",
    "resources",
    "evidence",
    "difficulties",
    "transfer_potential",
)


def _join(texts):
    return normalize(" ".join(text for text in texts if text))


def search_text(measure, translations, themes, region_names):
    """The text of `measure`; its translations, theme names and region names given.

    `themes` and `region_names` are names in every language. Works on historical
    models in migrations too: it reads fields only.
    """
    sections = [
        [measure.title, measure.title_local, *(t.title for t in translations)],
        [measure.summary, *(t.summary for t in translations), *themes],
        [
            *(getattr(measure, name) for name in BODY_FIELDS),
            *(getattr(t, name, "") for t in translations for name in BODY_FIELDS),
            measure.main_institution,
            measure.funding,
        ],
        [
            *region_names,
            measure.partner.name,
            measure.partner.name_local,
            measure.partner.short_name,
        ],
    ]
    return "\n".join(_join(texts) for texts in sections)


def sections(text):
    """{section letter: its line} of a search text."""
    return dict(zip(SECTIONS, (text or "").split("\n"), strict=False))
