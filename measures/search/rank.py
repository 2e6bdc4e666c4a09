"""How well a measure's search text answers a query: the score that orders search results.

A person's sense of a good match, in numbers:

- a query word in the title counts most, then in the summary and themes, in the
  names of the region and partner, least in the long texts (document.WEIGHTS);
- a word found as it was typed counts more than another form of it (works for
  work, strategies for strategy), and that more than a longer word that only
  begins like it (workshop for work), so a stem-only match never beats a real one;
- the words of the query next to each other, in its order, add a bonus, and
  near each other a smaller one;
- a word repeated adds a little, with diminishing returns; a longer word that
  only begins like it does not.

Each word counts once, in the section where it scores best. A search of several
words first sorts the measures that hold them together (near each other in one
section, or each in the title, summary, themes or names) above those that hold
them only far apart with one of them in the long texts: "remote working hubs" in
a title, or "remote work" anywhere, beats "remote areas" and "civil works" in
different paragraphs, however often those repeat. Newest first only breaks ties:
measures.search.query sorts by (Score, publication).
"""

from typing import NamedTuple

from measures.search.document import WEIGHTS, sections
from measures.search.normalize import stem

EXACT, OTHER_FORM, LONGER_WORD = 1.0, 0.6, 0.3
PHRASE_BONUS, NEAR_BONUS = 1.0, 0.5
# Words at most this many positions apart, beyond the query's own length, are near.
NEAR = 3
REPEAT_BONUS, MAX_REPEATS = 0.05, 4
# The sections whose words say what a measure is: title, summary and themes, names.
SHORT_SECTIONS = frozenset("ABD")


class Score(NamedTuple):
    """Sorts as a person ranks: words held together first, then by points."""

    together: bool
    points: float


def _quality(query_word, query_stem, word):
    if word == query_word:
        return EXACT
    if word.startswith(query_stem):
        # works, working, strategies share their stem with the query's word;
        # workshop only begins like work.
        return OTHER_FORM if stem(word) == query_stem else LONGER_WORD
    return 0.0


def _positions(tokens, query_words):
    """For each query word, {position: quality} of the tokens it matches."""
    stems = [stem(word) for word in query_words]
    found = [{} for _ in query_words]
    for position, token in enumerate(tokens):
        for index, (word, word_stem) in enumerate(zip(query_words, stems, strict=True)):
            quality = _quality(word, word_stem, token)
            if quality:
                found[index][position] = quality
    return found


def _in_order(found):
    """Whether the words occur one after another, in the query's order, anywhere."""
    return any(
        all(start + offset in found[offset] for offset in range(1, len(found)))
        for start in found[0]
    )


def _window(found):
    """The fewest positions that hold every word, or None when one is missing."""
    if not all(found):
        return None
    events = sorted((position, index) for index, hits in enumerate(found) for position in hits)
    counts, have, best, left = [0] * len(found), 0, None, 0
    for position, index in events:
        counts[index] += 1
        have += counts[index] == 1
        while have == len(found):
            start, first = events[left]
            width = position - start + 1
            best = width if best is None else min(best, width)
            counts[first] -= 1
            have -= counts[first] == 0
            left += 1
    return best


def score(search_text, query_words):
    """The Score of a measure's search text for the query's (normalized) words."""
    if not query_words:
        return Score(False, 0.0)
    best = [0.0] * len(query_words)
    total = 0.0
    near = False
    # Per query word, whether a short section holds it.
    in_short = [False] * len(query_words)
    for section, line in sections(search_text).items():
        weight = WEIGHTS[section]
        found = _positions(line.split(), query_words)
        for index, hits in enumerate(found):
            if hits:
                best[index] = max(best[index], weight * max(hits.values()))
                repeats = sum(quality >= OTHER_FORM for quality in hits.values())
                total += weight * REPEAT_BONUS * min(max(repeats - 1, 0), MAX_REPEATS)
                in_short[index] = in_short[index] or section in SHORT_SECTIONS
        if len(query_words) > 1:
            if _in_order(found):
                total += weight * PHRASE_BONUS
                near = True
            else:
                width = _window(found)
                if width is not None and width <= len(query_words) + NEAR:
                    total += weight * NEAR_BONUS
                    near = True
    together = len(query_words) == 1 or near or all(in_short)
    return Score(together, round(total + sum(best), 9))
