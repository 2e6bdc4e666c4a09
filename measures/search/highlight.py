"""Why a measure matched: the query's words marked in a title, or the passage of a longer text.

The words are matched by a rough stem (the word less its last letters), so
"coworking" marks "Coworking-Räume" as the search did, and without regard to
accents, as search compares words (measures.search.normalize): "Paijat" marks
"Päijät". The variant the visitor typed and the one search keeps are both marked.
"""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from measures.models import GOOD_PRACTICE_FIELDS
from measures.search.normalize import canonical, fold
from measures.search.query import search_words

FRAGMENT_LENGTH = 180
# The texts shown as "why this matched", in the order a reader would look; the
# title and summary are on every result card already.
FRAGMENT_FIELDS = ["description", *GOOD_PRACTICE_FIELDS]


def _stem(word):
    return word if len(word) <= 4 else word[: max(4, len(word) - 3)]


@functools.lru_cache(maxsize=256)
def _word_pattern(query):
    """A pattern of the query's rough stems, to be matched in `_folded` text.

    Kept per query: a page of twenty results marks the same words in each title,
    summary and theme.
    """
    typed = [fold(word) for word in search_words(query)]
    stems = {_stem(word) for word in typed} | {_stem(canonical(word)) for word in typed}
    if not stems:
        return None
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(r"\b(" + alternatives + r")\w*")


@functools.lru_cache(maxsize=1024)
def _fold_letter(letter):
    folded = fold(letter)
    return folded if len(folded) == 1 else letter.lower()


def _folded(text):
    """`text` folded letter by letter, keeping its length, so matches point into `text`."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_letter(letter) for letter in text)


def matched_fragment(measure, query):
    """Why a measure matched when its title and summary do not show it.

    (field label, marked-up passage) of the first longer text holding a query
    word, or None when the title or summary holds one, or no text does.
    """
    pattern = _word_pattern(query)
    if pattern is None or pattern.search(_folded(f"{measure.title} {measure.summary}")):
        return None
    for name in FRAGMENT_FIELDS:
        text = getattr(measure, name) or ""
        found = pattern.search(_folded(text))
        if not found:
            continue
        start = max(0, found.start() - FRAGMENT_LENGTH // 3)
        if start:
            # Begin at a word, not inside one.
            space = text.find(" ", start, found.start())
            start = space + 1 if space != -1 else found.start()
        end = min(len(text), start + FRAGMENT_LENGTH)
        if end < len(text):
            space = text.rfind(" ", found.end(), end)
            end = space if space != -1 else end
        passage = text[start:end]
        html = _mark(passage, pattern)
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        label = measure._meta.get_field(name).verbose_name
        return label, mark_safe(prefix + html + suffix)
    return None


def _mark(text, pattern):
    """Escape `text` and wrap every match of `pattern` (in the folded text) in <mark>."""
    out, last = [], 0
    for found in pattern.finditer(_folded(text)):
        out.append(escape(text[last : found.start()]))
        out.append(f"<mark>{escape(text[found.start() : found.end()])}</mark>")
        last = found.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text, query):
    """`text` escaped, with the query's words marked; for titles in result cards."""
    pattern = _word_pattern(query)
    if pattern is None:
        return escape(text)
    return mark_safe(_mark(text, pattern))
