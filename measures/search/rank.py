"""How well a measure's search text answers a query: the score that orders search results.

A person's sense of a good match, in numbers:

- a query word in the title counts most, then in the summary and themes, in the
  names of the region and partner, least in the long texts (document.WEIGHTS);
- a word found as it was typed counts more than another form of it (works for
  work, strategies for strategy), so a stem-only match never beats a real one;
- the words of the query next to each other, in its order, add a bonus, and
  near each other a smaller one: "remote working hubs" in a title beats
  "remote areas" and "civil works" in different paragraphs;
- a word repeated adds a little, with diminishing returns.

Each word counts once, in the section where it scores best. Newest first only
breaks ties: measures.search.query sorts by (score, publication).
"""

from measures.search.document import WEIGHTS, sections
from measures.search.normalize import stem

EXACT, OTHER_FORM = 1.0, 0.6
PHRASE_BONUS, NEAR_BONUS = 1.0, 0.5
# Words at most this many positions apart, beyond the query's own length, are near.
NEAR = 3
REPEAT_BONUS, MAX_REPEATS = 0.05, 4


def _quality(query_word, query_stem, word):
    if word == query_word:
        return EXACT
    if word.startswith(query_stem):
        return OTHER_FORM
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
    """The score of a measure's search text for the query's (normalized) words."""
    if not query_words:
        return 0.0
    best = [0.0] * len(query_words)
    total = 0.0
    for section, line in sections(search_text).items():
        weight = WEIGHTS[section]
        found = _positions(line.split(), query_words)
        for index, hits in enumerate(found):
            if hits:
                best[index] = max(best[index], weight * max(hits.values()))
                total += weight * REPEAT_BONUS * min(len(hits) - 1, MAX_REPEATS)
        if len(query_words) > 1:
            if _in_order(found):
                total += weight * PHRASE_BONUS
            else:
                width = _window(found)
                if width is not None and width <= len(query_words) + NEAR:
                    total += weight * NEAR_BONUS
    return total + sum(best)
