"""Search of measures by words: which measures match, in which order, and what a typo meant.

Matching. The query is read by measures.search.parse; every word passes through
measures.search.normalize, as the measures' texts did (`Measure.search_text`,
measures.search.document), so case, accents, hyphens and spelling variants never
matter. A word matches where a word of the text begins with its stem (works,
working and work all find work; digital finds digitalisation), a phrase where its
words follow each other. SQLite looks for " stem" in the search text; PostgreSQL
asks the search vector built from the same text (measures.search.index) and, in
addition, English stemming and that of the page's language (German, Finnish,
Spanish: a German search finds a German title by its German stems). The one
difference: SQLite has no stemming beyond the shared stems of normalize.stem.

Ranking. A cheap first order in SQL (PostgreSQL: ts_rank_cd with the section
weights plus a bonus for the words as a phrase; SQLite: how many words the
title holds) picks the RANK_CANDIDATES best; those are scored in Python
(measures.search.rank: title first, exact before other forms, near before far)
and come first in that order, the rest after them in the SQL order. Newest first
breaks ties. The work is bounded: one query for the candidates, at most
RANK_CANDIDATES texts scored, whatever the number of matches.

Correcting. A search that finds nothing is tried once more with its unknown
words replaced by the most similar words of the catalogue (`suggest`, from
measures.search.vocabulary); the list view shows that and says so.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchRank,
)
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex, Substr

from measures.content_language import page_language
from measures.search.languages import query_config
from measures.search.normalize import stem, words
from measures.search.parse import MAX_QUERY_LENGTH, MAX_WORDS, clean_query, parse
from measures.search.rank import score
from measures.search.vocabulary import is_word, vocabulary

__all__ = ["MAX_QUERY_LENGTH", "MAX_WORDS", "clean_query", "search_measures", "suggest"]

# How many of the best matches by the SQL order are scored in Python.
RANK_CANDIDATES = 100
TEXT_CONFIG = "english"
# The weights of sections D, C, B and A, as ts_rank_cd takes them (measures.search.document).
RANK_WEIGHTS = [0.3, 0.2, 0.5, 1.0]
WORD = re.compile(r"\w+", re.UNICODE)


def is_postgresql():
    return connection.vendor == "postgresql"


def search_words(query):
    """The plain words of a query as typed: at most MAX_WORDS, operators and punctuation dropped."""
    return [word for word in WORD.findall(clean_query(query)) if word.lower() != "or"][:MAX_WORDS]


def search_measures(queryset, query):
    """Measures of `queryset` that match `query`."""
    parsed = parse(query)
    if not parsed:
        return queryset
    if is_postgresql():
        tsquery = _tsquery(parsed)
        if isinstance(tsquery, Not):
            # Only words to leave out ("-care"): every measure without them. Django's
            # lookup would wrap a bare negation in plainto_tsquery(), which takes text.
            (excluded,) = tsquery.get_source_expressions()
            return queryset.exclude(search_vector=excluded)
        return queryset.filter(search_vector=tsquery)
    return queryset.filter(_sqlite_condition(parsed))


def _pattern(term):
    """The text a term's words make in a search text: the last word's stem as a beginning."""
    *complete, last = term.words
    return " " + " ".join([*complete, stem(last)])


def _sqlite_condition(parsed):
    condition = Q()
    for group in parsed.groups:
        either = Q()
        for term in group:
            found = Q(search_text__contains=_pattern(term))
            either |= ~found if term.negated else found
        condition &= either
    return condition


class Not(SearchQueryCombinable, Func):
    """A tsquery that matches where the given one does not (`!!`)."""

    template = "!!(%(expressions)s)"
    output_field = SearchQueryField()
    # Read when two negations are combined ("-a -b"); a negation keeps the
    # configurations of the queries it negates.
    config = None


def _tsquery(parsed):
    configs = [TEXT_CONFIG, *filter(None, [query_config(page_language())])]

    def term_query(term):
        *complete, last = term.words
        raw = " <-> ".join([*complete, f"{stem(last)}:*"])
        found = SearchQuery(raw, search_type="raw", config="simple")
        kind = "phrase" if len(term.words) > 1 else "plain"
        for config in configs:
            found |= SearchQuery(" ".join(term.words), search_type=kind, config=config)
        return Not(found) if term.negated else found

    combined = None
    for group in parsed.groups:
        either = None
        for term in group:
            found = term_query(term)
            either = found if either is None else either | found
        combined = either if combined is None else combined & either
    return combined


def _pre_rank(parsed):
    """The cheap SQL order that picks the candidates, and orders the rest."""
    if is_postgresql():
        rank = SearchRank(
            F("search_vector"), _tsquery(parsed), weights=RANK_WEIGHTS, cover_density=True
        )
        query_words = parsed.words
        if len(query_words) > 1:
            phrase = SearchQuery(" <-> ".join(query_words), search_type="raw", config="simple")
            rank += SearchRank(F("search_vector"), phrase, weights=RANK_WEIGHTS, cover_density=True)
        return rank
    title = Substr("search_text", 1, StrIndex("search_text", Value("\n")))
    in_title = [
        Case(When(Q(search_title__contains=_pattern(term)), then=1), default=0)
        for term in parsed.terms
    ]
    return title, sum(in_title[1:], in_title[0])


# The cheap SQL order of relevance, newest first among equals.
SQL_ORDER = ("-search_pre_rank", "-published_at", "-pk")


def _pre_ranked(queryset, parsed):
    """`queryset` in the cheap SQL order of relevance."""
    pre_rank = _pre_rank(parsed)
    if isinstance(pre_rank, tuple):
        title, pre_rank = pre_rank
        queryset = queryset.annotate(search_title=title)
    return queryset.annotate(search_pre_rank=pre_rank).order_by(*SQL_ORDER)


def order_by_relevance(queryset, query):
    """`queryset` (matching `query`) best match first; unchanged without words to rank by."""
    parsed = parse(query)
    if not parsed.terms:
        return queryset
    queryset = _pre_ranked(queryset, parsed)
    candidates = ranked_candidates(queryset, parsed.words)
    if not candidates:
        return queryset
    position = Case(
        *(When(pk=pk, then=Value(index)) for index, pk in enumerate(candidates)),
        default=Value(len(candidates)),
        output_field=IntegerField(),
    )
    return queryset.order_by(position.asc(), *SQL_ORDER)


def ranked_candidates(queryset, query_words):
    """The ids of the first RANK_CANDIDATES of `queryset`, best score first, then newest."""
    rows = queryset.prefetch_related(None).values_list("pk", "search_text", "published_at")
    return _best_first(rows[:RANK_CANDIDATES], query_words)


def matching_ids(queryset, query, *, ranked=False):
    """The ids of the measures of `queryset` that match `query`, in one query.

    `ranked`: in the cheap SQL order of relevance, in which order_by_relevance picks
    its candidates, when there are words to rank by (`is_ranked`); otherwise in no
    order. A list page then takes its candidates among them (`best_first`) without
    searching again.
    """
    parsed = parse(query)
    found = search_measures(queryset, query).order_by()
    if ranked and parsed.terms:
        found = _pre_ranked(found, parsed)
    return list(found.prefetch_related(None).values_list("pk", flat=True))


def is_ranked(query):
    """Whether `query` has words to rank by (not only words to leave out)."""
    return bool(parse(query).terms)


def candidate_keys(queryset, ids, query):
    """{id: what the candidate sorts by, best highest} of the measures `ids` of `queryset`:
    the Score of its text (as a plain tuple), then its publication. One query for the
    texts. Candidates in descending order of (key, id) are best first, then newest."""
    rows = queryset.filter(pk__in=ids).order_by()
    rows = rows.prefetch_related(None).values_list("pk", "search_text", "published_at")
    words = parse(query).words
    return {pk: _key(text, published, words) for pk, text, published in rows}


def _key(text, published, query_words):
    return (*score(text, query_words), published.timestamp() if published else 0)


def _best_first(rows, query_words):
    scored = [(_key(text, published, query_words), pk) for pk, text, published in rows]
    scored.sort(reverse=True)
    return [pk for _, pk in scored]


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
    Queries with operators (quotes, -exclusions, or) are left as they are.
    """
    typed = search_words(query)
    if not typed or parse(query).has_operators:
        return None
    known = vocabulary(queryset)
    corrected, unknown, changed = [], 0, False
    for word in typed:
        normal = "".join(words(word))
        if normal in known or not is_word(normal) or unknown >= MAX_CORRECTED_WORDS:
            corrected.append(word)
            continue
        unknown += 1
        replacement = known.closest(normal, MIN_SIMILARITY)
        corrected.append(_cased_like(word, replacement) if replacement else word)
        changed = changed or replacement is not None
    return " ".join(corrected) if changed else None


def _cased_like(typed, word):
    """`word` (lower case, as the vocabulary keeps it) with the capitals of `typed`:
    a German noun typed with its capital keeps it (Digitalisirung → Digitalisierung)."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
