"""How search reads a text: case, accents, hyphens and spelling variants made the same.

`words(text)` gives the words of a text as search compares them: case folded,
accents removed (Päijät-Häme → paijat hame), punctuation and hyphens as breaks
between words, except after a prefix the field writes both ways (e-health →
ehealth, co-working → coworking, Wi-Fi → wifi), and every spelling variant of
the field in one form (fiber → fibre, digitalization → digitalisation,
program → programme). The measures' texts (`Measure.search_text`) and the
visitor's words go through the same function, so either spelling finds the other.

`stem(word)` is the beginning a word's other forms share (works, working → work):
search matches it at the start of a word, on SQLite and on PostgreSQL alike.
Pure functions of strings; nothing here reads the database.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent, as
# PostgreSQL's unaccent writes them.
LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
        "\u00ad": "",  # a soft hyphen only says where a word may break
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
    }
)
WORD = re.compile(r"[^\W_]+")
# A prefix written with or without its hyphen: e-health and ehealth, co-working
# and coworking, tele-care and telecare, Wi-Fi and wifi, start-ups and startups. Only
# with the hyphen: "Co. Longford" stays two words.
JOINED_PREFIX = re.compile(r"\b(e|co|tele|m|wi(?=-fi\b)|start(?=-ups?\b))-(?=[^\W_])")
# Written apart, the same: "e health", "tele care", "wi fi", "start up", "co working".
JOINED_SPACED = re.compile(
    r"\b(e|tele|wi(?=\s+fi\b)|start(?=\s+ups?\b)|co(?=\s+(?:working|living)\b))\s+(?=[^\W_])"
)
# British and American spellings, and other variants of one word: the first is kept.
WORD_VARIANTS = {
    "fiber": "fibre",
    "fibers": "fibres",
    "center": "centre",
    "centers": "centres",
    "program": "programme",
    "programs": "programmes",
    "catalog": "catalogue",
    "catalogs": "catalogues",
    "labor": "labour",
    "behavior": "behaviour",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "neighborhood": "neighbourhood",
    "neighborhoods": "neighbourhoods",
    "defense": "defence",
    "license": "licence",
    "aging": "ageing",
    "traveling": "travelling",
    "traveler": "traveller",
    "travelers": "travellers",
    "modeling": "modelling",
    "enrollment": "enrolment",
    "enrollments": "enrolments",
    "favor": "favour",
    "color": "colour",
}
# -ize and -yze words (digitalization, analyze) in their British form (-ise, -yse);
# at least three letters before, so "size" and "prize" stay as they are.
IZE = re.compile(r"^([^\W\d_]{3,})(iz|yz)(ation|ations|e|ed|es|er|ers|ing)$")
# The endings a word's other forms do not share, longest first, with the letters
# that must be left: short words are compared whole, but hubs finds hub.
SUFFIXES = (
    ("ations", 4),
    ("ation", 4),
    ("ings", 4),
    ("ing", 4),
    ("ies", 4),
    ("ied", 4),
    ("ers", 4),
    ("er", 4),
    ("es", 4),
    ("ed", 4),
    ("s", 3),
    ("y", 4),
    ("e", 4),
)


def fold(text):
    """`text` case folded and without accents: "Päijät-Häme" → "paijat-hame"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTERS).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def canonical(word):
    """One folded word in the spelling search keeps for all its variants."""
    word = WORD_VARIANTS.get(word, word)
    found = IZE.match(word)
    if found:
        stem, kind, ending = found.groups()
        word = stem + ("is" if kind == "iz" else "ys") + ending
    return word


def join(folded):
    """Folded text with a prefix and its word written as one: e-health, e health → ehealth."""
    return JOINED_SPACED.sub(r"\1", JOINED_PREFIX.sub(r"\1", folded))


def words(text):
    """The words of `text` as search compares them, in order."""
    return [canonical(word) for word in WORD.findall(join(fold(text or "")))]


def folded_name(name):
    """A name as two names are compared: its words folded, one space apart, so that
    "Etelä-Karjala", "etela karjala" and " ETELÄ  KARJALA" are one name."""
    return " ".join(words(name))


def normalize(text):
    """`text` as one line of search words, separated and surrounded by single spaces.

    The spaces around every word let SQL find a word's beginning as " word".
    """
    found = words(text)
    return f" {' '.join(found)} " if found else " "


def stem(word):
    """The beginning that a word's forms share: work for works, strateg for strategies."""
    for suffix, shortest in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            return word[: -len(suffix)]
    return word
