"""The measures of the list in its order, a page at a time, read by id.

The list's paginator slices `Results`. Its number comes with the facet counts
(MeasureFilter.total, from the bitmaps of measures.catalogue.bitmaps); a page is
found among the ids of the results in the order the visitor chose, kept in memory
per content version (`bitmaps.order`), and its measures are read in one query by
id, however many measures match. Sorted by relevance, the order is the search's
(measures.search.query): the ids the words find come in its first, cheap order
(measures.catalogue.searched), and the first of them among the results are
scored on their texts, read once for the words.
"""

from measures.catalogue import bitmaps
from measures.catalogue.filters import SORTS, ordering
from measures.search import query as search_query


class Results:
    """The list's measures as the paginator reads them: counted, then sliced page by page."""

    def __init__(self, filterset):
        self.filterset = filterset

    def count(self):
        return self.filterset.total()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Results are read a page, a slice, at a time.")
        start, stop, _ = index.indices(self.count())
        return page(self.filterset, start, stop)


def page(filterset, start, stop):
    """The measures of `filterset` at the positions start to stop (excluded), in its order."""
    ids = filterset.result_ids()
    stop = min(stop, len(ids))
    if start >= stop:
        return []
    sort = filterset.order
    if sort == "relevance" and filterset.query:
        found = filterset.found()
        if found.order is not None:
            return by_id(filterset.queryset, _by_relevance(filterset, found, ids, stop)[start:])
    if SORTS.get(sort) == SORTS[bitmaps.NEWEST]:
        sort = bitmaps.NEWEST
    return by_id(filterset.queryset, bitmaps.order(sort, ordering(sort)).page(ids, start, stop))


def _by_relevance(filterset, found, ids, stop):
    """The first `stop` of `ids` best match first, as order_by_relevance orders them.

    The first RANK_CANDIDATES in the search's first order are scored on their texts
    (kept with what the words find) and come first; the rest follow in that order.
    """
    first = found.order.page(ids, 0, max(stop, search_query.RANK_CANDIDATES))
    candidates = first[: search_query.RANK_CANDIDATES]
    best = found.best_first(filterset.queryset, candidates)
    return (best + first[len(candidates) :])[:stop]


def by_id(queryset, ids):
    """The rows of `queryset` with the ids `ids`, in that order, in one query."""
    if not ids:
        return []
    found = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]
