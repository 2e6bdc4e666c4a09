"""The words "did you mean" may offer, and how alike two words are.

A search that finds nothing compares its unknown words with the words of the
titles, local titles and summaries of the newest VOCABULARY_MEASURES published
measures, read as search reads them (no accents: "paijat"). That
set is read in one query once per content version and kept in the shared cache,
so a suggestion costs the same at any catalogue size and for any query: before,
each word of the query scanned every title and summary of the catalogue (seconds
per word at 10,000 measures).

How alike two words are is PostgreSQL's pg_trgm `similarity()`, computed here:
the share of their trigrams (of the word padded with two spaces in front and one
behind) that both have, so suggestions are the same on every database. The
cache entry also holds, for each trigram, the words that have it.
"""

from array import array
from collections import Counter

from django.core.cache import cache

from measures.caching import content_version
from measures.search.normalize import words

# The newest measures are the ones visitors search for; older ones' words are
# mostly theirs too. Bounds the query and the cache entry at any catalogue size.
VOCABULARY_MEASURES = 2000
# Shorter words are left alone (and never offered); longer ones are rarely words.
MIN_WORD_LENGTH = 3
MAX_WORD_LENGTH = 30
CACHE_KEY = "search-vocabulary"
# Word numbers: unsigned, at least 32 bits; "I" is that on most machines, half the size of "L".
NUMBER_TYPE = "I" if array("I").itemsize >= 4 else "L"
# A day at most: the key changes with the content version anyway.
TIMEOUT = 24 * 60 * 60


def is_word(text):
    return MIN_WORD_LENGTH <= len(text) <= MAX_WORD_LENGTH


def words_of(texts):
    """The distinct words of `texts` that a suggestion may offer, as search reads them
    (measures.search.normalize: folded, without accents, one spelling per variant)."""
    return {word for text in texts for word in words(text or "") if is_word(word)}


def trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(one, other):
    """pg_trgm's similarity of two lower-case words: shared trigrams over all their trigrams."""
    own, others = trigrams(one), trigrams(other)
    shared = len(own & others)
    return shared / (len(own) + len(others) - shared)


class Vocabulary:
    """Known words, and for each trigram the numbers of the words that have it.

    Finding the word most like another then counts only the words that share a
    trigram with it, instead of comparing it with every word (a second for three
    words against 20,000). Word numbers are kept as packed arrays, which the
    cache reads back ten times quicker than lists of numbers.
    """

    def __init__(self, words, index):
        self.words, self.index = words, index
        self.known = frozenset(words)

    @classmethod
    def of(cls, words):
        words = sorted(words)
        index = {}
        for number, word in enumerate(words):
            for trigram in trigrams(word):
                index.setdefault(trigram, array(NUMBER_TYPE)).append(number)
        return cls(words, {trigram: numbers.tobytes() for trigram, numbers in index.items()})

    @classmethod
    def from_cache(cls, value):
        words, index = value
        return cls(words.split("\n") if words else [], index)

    def for_cache(self):
        """Plain strings and bytes, readable whatever this class becomes."""
        return "\n".join(self.words), self.index

    def __contains__(self, word):
        return word in self.known

    def closest(self, word, min_similarity):
        """The known word most like `word` (at least `min_similarity`), else None.

        Ties go to the word first in alphabetical order, as PostgreSQL's ORDER BY did.
        """
        own = trigrams(word)
        shared = Counter()
        for trigram in own:
            numbers = array(NUMBER_TYPE)
            numbers.frombytes(self.index.get(trigram, b""))
            shared.update(numbers)
        best, best_similarity = None, min_similarity
        for number, count in shared.items():
            # At most count / len(own), when its trigrams are all among the word's own.
            if count / len(own) < best_similarity:
                continue
            candidate = self.words[number]
            alike = count / (len(own) + len(trigrams(candidate)) - count)
            if best is None:
                better = alike >= min_similarity
            else:
                better = alike > best_similarity or (alike == best_similarity and candidate < best)
            if better:
                best, best_similarity = candidate, alike
        return best


def vocabulary(queryset):
    """The Vocabulary of the newest measures of `queryset` (published), from the shared cache."""
    key = content_version.key(CACHE_KEY)
    cached = cache.get(key)
    if cached is None:
        rows = (
            queryset.prefetch_related(None)
            .order_by("-published_at", "-pk")
            .values_list("title", "title_local", "summary")[:VOCABULARY_MEASURES]
        )
        found = Vocabulary.of(words_of(text for row in rows for text in row))
        cache.set(key, found.for_cache(), TIMEOUT)
        return found
    return Vocabulary.from_cache(cached)
