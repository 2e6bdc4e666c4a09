"""Search of measures by words.

On PostgreSQL every measure carries a weighted search vector: its title (A),
summary (B), description and good-practice texts (C), and the names of its
region, partner and themes (D). A query is read with `websearch` syntax
("quoted phrases", -exclusions, or), the last word also matches as a prefix
(so "cowork" finds coworking while typing), results are ordered by relevance,
and a query that finds nothing gets a "did you mean" suggestion from trigram
similarity with the words of the catalogue (`measures.search.vocabulary`).

On SQLite, the embedded default, every word of the query must appear in one
of the same texts; there is no ranking. Suggestions work the same on both.

Both also search a measure's texts in other languages and the translated names
of its region and themes, so a German title finds its measure on any page.

The vectors are kept by `measures.search.index`; the words shown back to the
visitor are marked by `measures.search.highlight`.
"""

import re

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q

from measures.models import GOOD_PRACTICE_FIELDS
from measures.search.vocabulary import is_word, vocabulary

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
# The dictionary for the measures' prose; names are indexed without stemming.
TEXT_CONFIG = "english"
NAME_CONFIG = "simple"

TEXT_FIELDS = [
    "title",
    "title_local",
    "summary",
    "description",
    *GOOD_PRACTICE_FIELDS,
    "main_institution",
    "region__name",
    "region__name_local",
    "partner__name",
    "partner__short_name",
]
WEBSEARCH_OPERATORS = re.compile(r'["()\-]|\bor\b', re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)


def is_postgresql():
    return connection.vendor == "postgresql"


def clean_query(query):
    """The query as searched: NUL bytes removed, at most MAX_QUERY_LENGTH characters."""
    return " ".join(query.replace("\x00", " ")[:MAX_QUERY_LENGTH].split())


def search_words(query):
    """The plain words of a query: at most MAX_WORDS, operators and punctuation dropped."""
    return [word for word in WORD.findall(clean_query(query)) if word.lower() != "or"][:MAX_WORDS]


def search_measures(queryset, query):
    """Measures of `queryset` that match `query`."""
    if not search_words(query):
        return queryset
    if is_postgresql():
        return queryset.filter(search_vector=postgresql_query(clean_query(query)))
    return _search_everywhere(queryset, search_words(query))


def order_by_relevance(queryset, query):
    """Best matches first on PostgreSQL; on SQLite the order is left as it is."""
    from django.contrib.postgres.search import SearchRank

    if not (is_postgresql() and search_words(query)):
        return queryset
    rank = SearchRank(F("search_vector"), postgresql_query(clean_query(query)))
    return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")


def _search_everywhere(queryset, words):
    category_model = queryset.model.categories.rel.model
    for word in words:
        in_theme = Exists(
            category_model.objects.filter(measures=OuterRef("pk"), name__icontains=word)
        )
        matches = Q()
        for field in TEXT_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches | in_theme | _in_translations(word))
    return queryset


def _in_translations(word):
    """Whether a measure's texts in other languages, or its region's or themes' names, hold it."""
    from measures.models import CategoryTranslation, MeasureTranslation, RegionTranslation

    texts = MeasureTranslation.objects.filter(
        Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word),
        measure=OuterRef("pk"),
    )
    region_names = RegionTranslation.objects.filter(region=OuterRef("region"), name__icontains=word)
    theme_names = CategoryTranslation.objects.filter(
        category__measures=OuterRef("pk"), name__icontains=word
    )
    return Exists(texts) | Exists(region_names) | Exists(theme_names)


def postgresql_query(query):
    """A tsquery for the visitor's text: websearch syntax, last word also as a prefix."""
    from django.contrib.postgres.search import SearchQuery

    words = search_words(query)
    if WEBSEARCH_OPERATORS.search(query) or not words:
        return SearchQuery(query, search_type="websearch", config=TEXT_CONFIG)
    # Plain words: all must match, the last one also as the beginning of a word.
    *complete, last = [word.lower() for word in words]
    exact = SearchQuery(" ".join(words), search_type="plain", config=TEXT_CONFIG)
    prefix_terms = [*complete, f"{last}:*"]
    prefix = SearchQuery(" & ".join(prefix_terms), search_type="raw", config=NAME_CONFIG)
    return exact | prefix


# "Did you mean"

MIN_SIMILARITY = 0.3
# Only the first few unknown words are corrected: each is compared with the
# whole vocabulary, and a query of many unknown words is rarely a typo.
MAX_CORRECTED_WORDS = 3


def suggest(query, queryset):
    """A corrected query when some of its words are unknown, else None.

    Known words are those of `measures.search.vocabulary`, read from the newest
    published measures of `queryset`; each of the first MAX_CORRECTED_WORDS
    unknown words becomes the most similar known word, if one is similar enough.
    """
    words = search_words(query)
    if not words or WEBSEARCH_OPERATORS.search(query):
        return None
    known = vocabulary(queryset)
    corrected, unknown, changed = [], 0, False
    for word in words:
        lower = word.lower()
        if lower in known or not is_word(lower) or unknown >= MAX_CORRECTED_WORDS:
            corrected.append(word)
            continue
        unknown += 1
        replacement = known.closest(lower, MIN_SIMILARITY)
        corrected.append(replacement or word)
        changed = changed or replacement is not None
    return " ".join(corrected) if changed else None
