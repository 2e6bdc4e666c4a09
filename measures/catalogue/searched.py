"""What the list's search words find, kept per content version, language and words.

The search (measures.search.query) is the one part of a list page the bitmaps
cannot answer. The ids it finds are read in one query, in the order ranking
picks its candidates by when the list is sorted by relevance, and kept in the
shared cache under the content version, the page's language (PostgreSQL also
stems the words in it) and the words; so are the scores of the candidates
ranked so far, which depend on nothing else. A visitor who then ticks a facet,
turns a page or sorts otherwise searches no more, on any app server, until the
catalogue changes, and a candidate's text is read and scored once. Only searches
of all published measures are kept; any other queryset is searched each time.
"""

import hashlib
import logging
from array import array
from functools import cached_property

from django.core.cache import cache
from pyroaring import FrozenBitMap

from measures.caching import content_version
from measures.catalogue.bitmaps import Order
from measures.content_language import page_language
from measures.models import Measure
from measures.search.query import candidate_keys, is_ranked, matching_ids

logger = logging.getLogger(__name__)

FORMAT = 1
# Searches are many and their entries larger than a page: kept as long as pages are.
TIMEOUT = 600
# The most candidates' scores kept for one search; past it, new ones are not kept.
MAX_KEPT_SCORES = 5000


class Found:
    """What the words find: `ids` as a bitmap; `order`, with `ranked`, in the search's
    first order of relevance; and the scores of the candidates ranked so far."""

    def __init__(self, query, ids, order=None, scores=None, key=None):
        self.query = query
        self.ids = FrozenBitMap(ids)
        self._order = order
        self.scores = scores or {}
        self._key = key

    @cached_property
    def order(self):
        """The ids in the search's first order of relevance (bitmaps.Order), or None."""
        return None if self._order is None else Order(self._order)

    def best_first(self, queryset, candidates):
        """`candidates`, measures of `queryset`, best first (measures.search.query): those
        not scored yet are read and scored in one query, and kept."""
        missing = [pk for pk in candidates if pk not in self.scores]
        if missing:
            self.scores.update(candidate_keys(queryset, missing, self.query))
            self._keep(f"{self._key}:scores", self.scores, len(self.scores) <= MAX_KEPT_SCORES)
        found = [pk for pk in candidates if pk in self.scores]
        return sorted(found, key=lambda pk: (self.scores[pk], pk), reverse=True)

    def _keep(self, key, value, wanted=True):
        if self._key is None or not wanted:
            return
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:
            logger.exception("Cache unavailable; what the search words found not kept")


def found(queryset, query, *, ranked):
    """What `query` finds among the measures of `queryset`; `ranked`: with their order."""
    ranked = ranked and is_ranked(query)
    if queryset.query.where != Measure.objects.published().query.where:
        return _search(queryset, query, ranked)
    try:
        digest = hashlib.sha256(query.encode()).hexdigest()[:32]
        key = f"content:{content_version.current()}:searched:{FORMAT}:{page_language()}:{digest}"
        stored = cache.get_many([f"{key}:ranked", f"{key}:plain", f"{key}:scores"])
    except Exception:
        logger.exception("Cache unavailable; search words looked up in the database")
        return _search(queryset, query, ranked)
    scores = stored.get(f"{key}:scores")
    if f"{key}:ranked" in stored:
        ids = array("I")
        ids.frombytes(stored[f"{key}:ranked"])
        return Found(query, ids, ids, scores, key)
    if not ranked and f"{key}:plain" in stored:
        return Found(query, FrozenBitMap.deserialize(stored[f"{key}:plain"]), None, scores, key)
    result = _search(queryset, query, ranked, scores, key)
    if ranked:
        result._keep(f"{key}:ranked", result._order.tobytes())
    else:
        result._keep(f"{key}:plain", result.ids.serialize())
    return result


def _search(queryset, query, ranked, scores=None, key=None):
    ids = array("I", matching_ids(queryset, query, ranked=ranked))
    return Found(query, ids, ids if ranked else None, scores, key)
