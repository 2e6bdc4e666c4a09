"""What the list's search words find, kept per content version, language and words.

The search (measures.search.query) is the one part of a list page the bitmaps
cannot answer. The ids it finds are read in one query, in the order ranking
picks its candidates by when the list is sorted by relevance, and kept in the
shared cache under the content version, the page's language (PostgreSQL also
stems the words in it) and the words: a visitor who then ticks a facet, turns a
page or sorts otherwise searches no more, on any app server, until the
catalogue changes. Only searches of all published measures are kept; any other
queryset is searched each time.
"""

import functools
import hashlib
import logging
from array import array

from django.core.cache import cache
from pyroaring import FrozenBitMap

from measures.caching import content_version
from measures.catalogue.bitmaps import Order
from measures.content_language import page_language
from measures.models import Measure
from measures.search.query import is_ranked, matching_ids

logger = logging.getLogger(__name__)

FORMAT = 1
# Searches are many and their entries larger than a page: kept as long as pages are.
TIMEOUT = 600


class Found:
    """The ids the words find, as a bitmap, and with `ranked` in the search's first order."""

    def __init__(self, ids, order=None):
        self.ids = FrozenBitMap(ids)
        self._order = order

    @functools.cached_property
    def order(self):
        """The ids in the search's first order of relevance (bitmaps.Order), or None."""
        return None if self._order is None else Order(self._order)


def found(queryset, query, *, ranked):
    """What `query` finds among the measures of `queryset`; `ranked`: with their order."""
    ranked = ranked and is_ranked(query)
    if queryset.query.where != Measure.objects.published().query.where:
        return _search(queryset, query, ranked)
    try:
        version = content_version.current()
        digest = hashlib.sha256(query.encode()).hexdigest()[:32]
        prefix = f"content:{version}:searched:{FORMAT}:{page_language()}:{digest}"
        keys = {"ranked": f"{prefix}:ranked", "plain": f"{prefix}:plain"}
        stored = cache.get_many(list(keys.values()))
    except Exception:
        logger.exception("Cache unavailable; search words looked up in the database")
        return _search(queryset, query, ranked)
    if keys["ranked"] in stored:
        ids = array("I")
        ids.frombytes(stored[keys["ranked"]])
        return Found(ids, ids)
    if not ranked and keys["plain"] in stored:
        return Found(FrozenBitMap.deserialize(stored[keys["plain"]]))
    result = _search(queryset, query, ranked)
    value = result._order.tobytes() if ranked else result.ids.serialize()
    try:
        cache.set(keys["ranked" if ranked else "plain"], value, TIMEOUT)
    except Exception:
        logger.exception("Cache unavailable; what the search words found not stored")
    return result


def _search(queryset, query, ranked):
    ids = array("I", matching_ids(queryset, query, ranked=ranked))
    return Found(ids, ids if ranked else None)
