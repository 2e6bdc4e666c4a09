"""What a visitor's search words ask for, read the same way on every database.

The syntax is that of web search engines (and PostgreSQL's `websearch`):
words are all required, "quoted words" must follow each other, a -word must
not occur, and `or` between two terms lets either do. Words pass through
measures.search.normalize; a word written with hyphens or dots (Päijät-Häme,
Smarte.Land.Regionen) is a phrase of its parts. At most MAX_WORDS words count.
"""

import re
from dataclasses import dataclass

from measures.search.normalize import fold, join, words

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Term:
    """Words that must follow each other (one word: just that word), or must not occur."""

    words: tuple
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """Groups of terms: every group must match, by any one of its terms."""

    groups: tuple
    # Quotes, a -word or "or": the visitor wrote exactly what they want.
    has_operators: bool = False

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        """The terms that must occur, for ranking and correcting: no negated ones."""
        return [term for group in self.groups for term in group if not term.negated]

    @property
    def words(self):
        return [word for term in self.terms for word in term.words]


def clean_query(query):
    """The query as searched: NUL bytes removed, at most MAX_QUERY_LENGTH characters."""
    return " ".join(query.replace("\x00", " ")[:MAX_QUERY_LENGTH].split())


def parse(query):
    """The Query of a visitor's text."""
    groups, join_next, budget, operators = [], False, MAX_WORDS, False
    # Folded and joined first, so that "e health" is one word here as in the texts.
    for found in TOKEN.finditer(join(fold(clean_query(query)))):
        quote_minus, quoted, minus, plain = found.groups()
        if plain is not None and plain.lower() == "or" and not minus:
            join_next = operators = bool(groups)
            continue
        operators = operators or quoted is not None or bool(quote_minus or minus)
        parts = words(quoted if quoted is not None else plain)[:budget]
        if not parts:
            continue
        budget -= len(parts)
        term = Term(tuple(parts), negated=bool(quote_minus or minus))
        if join_next:
            groups[-1] = (*groups[-1], term)
        else:
            groups.append((term,))
        join_next = False
        if not budget:
            break
    return Query(tuple(groups), has_operators=operators)
