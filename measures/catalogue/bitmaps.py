"""The published measures as compressed bitmaps of their ids, per content version.

The measure list counts its facets and picks the measures of a page with these
instead of counting in SQL (measures.catalogue.facets, measures.catalogue.results):

- `current()`: one bitmap of every published measure, one per facet option (region,
  country, theme, target group, partner, evidence, documentation, budget, funding
  source, expert-reviewed) and one per start year;
- `order(sort, terms)`: the ids of every published measure in one order of the list,
  the newest first read with the bitmaps, any other sort on its first use.

Only `Measure.objects.published()` is read, so a draft is never in a bitmap. The
bitmaps are built with three queries (the measures with their facet columns in
the newest-first order, the themes and the target groups of the published
measures) and each other order with one; they are kept in the shared cache under
the content version, so that every worker and app server uses what the first one
built after a change, and in this process's memory for the current version, so
that a request reads neither. A change of the catalogue changes the version
(measures.caching.signals): the next request builds them anew. Two processes that
build at the same time build the same and store the same; neither breaks the
other.
"""

import logging
import threading
from array import array
from collections import defaultdict

from django.core.cache import cache
from pyroaring import BitMap, FrozenBitMap

from measures.caching import content_version
from measures.models import FUNDING_FIELDS, Measure, expert_reviewed

logger = logging.getLogger(__name__)

# Part of the cache key: a change of what is stored never reads an older entry.
FORMAT = 1
# Entries live under the content version; the timeout bounds how long those of old
# versions take up room. A rebuild costs about a second at 100,000 measures.
TIMEOUT = 3600
# Facets whose options are rows (keyed by their id) or fixed codes (keyed by the code).
ROW_FACETS = ("region", "theme", "target", "partner")
CODE_COLUMNS = {
    "evidence": "evidence_level",
    "documentation": "documentation_level",
    "budget": "budget_band",
}
REVIEWED_VALUE = "yes"
NEWEST = "newest"
EMPTY = FrozenBitMap()


class Bitmaps:
    """The published measures' ids: all of them, per facet option and per start year."""

    def __init__(self, published, options, years, newest):
        self.published = published
        # {facet name: {option: bitmap}}: a row's id or a code as the option.
        self.options = options
        self.years = years
        self.newest = newest

    def option(self, name, key):
        return self.options.get(name, {}).get(key, EMPTY)

    def any_of(self, name, keys):
        """The measures that have any of the options `keys` of the facet `name`."""
        return BitMap.union(EMPTY, *(self.option(name, key) for key in keys))

    def started_between(self, first=None, last=None):
        """The measures whose start year lies between `first` and `last` (each may be open)."""
        return BitMap.union(
            EMPTY,
            *(
                ids
                for year, ids in self.years.items()
                if (first is None or year >= first) and (last is None or year <= last)
            ),
        )

    def dump(self):
        return {
            "published": self.published.serialize(),
            "options": {
                name: {key: ids.serialize() for key, ids in options.items()}
                for name, options in self.options.items()
            },
            "years": {year: ids.serialize() for year, ids in self.years.items()},
            "newest": self.newest.dump(),
        }

    @classmethod
    def load(cls, data):
        return cls(
            FrozenBitMap.deserialize(data["published"]),
            {
                name: {key: FrozenBitMap.deserialize(ids) for key, ids in options.items()}
                for name, options in data["options"].items()
            },
            {year: FrozenBitMap.deserialize(ids) for year, ids in data["years"].items()},
            Order.load(data["newest"]),
        )


class Order:
    """The ids of the published measures in one order of the list.

    In blocks of BLOCK ids, each also as a bitmap: a page of a result is found by
    counting the result's ids block by block (`intersection_cardinality`, in C) up
    to the block that holds the page's first measure, then reading ids from there.
    The cost does not grow with the size of the result or the page's number.
    """

    BLOCK = 1024

    def __init__(self, ids):
        self.ids = ids if isinstance(ids, array) else array("I", ids)
        self.blocks = [
            FrozenBitMap(self.ids[start : start + self.BLOCK])
            for start in range(0, len(self.ids), self.BLOCK)
        ]

    def page(self, ids, start, stop):
        """The ids of `ids` (a bitmap) at the positions start to stop (excluded) in this order."""
        found, skip, wanted = [], start, stop - start
        if wanted <= 0:
            return found
        for number, block in enumerate(self.blocks):
            inside = ids.intersection_cardinality(block)
            if inside <= skip:
                skip -= inside
                continue
            for pk in self.ids[number * self.BLOCK : (number + 1) * self.BLOCK]:
                if pk not in ids:
                    continue
                if skip:
                    skip -= 1
                    continue
                found.append(pk)
                if len(found) == wanted:
                    return found
        return found

    def dump(self):
        return self.ids.tobytes()

    @classmethod
    def load(cls, data):
        ids = array("I")
        ids.frombytes(data)
        return cls(ids)


def build():
    """The bitmaps of the published measures now, from three queries."""
    published = Measure.objects.published()
    funding = list(FUNDING_FIELDS.items())
    rows = (
        published.latest()
        .annotate(reviewed=expert_reviewed())
        .values_list(
            "pk",
            "region_id",
            "region__country",
            "partner_id",
            "start_year",
            *CODE_COLUMNS.values(),
            "reviewed",
            *(column for _, column in funding),
        )
    )
    grouped = {name: defaultdict(list) for name in (*ROW_FACETS, "country", *CODE_COLUMNS)}
    funded = [[] for _ in funding]
    reviewed, years, newest = [], defaultdict(list), array("I")
    region, country, partner = grouped["region"], grouped["country"], grouped["partner"]
    codes = [grouped[name] for name in CODE_COLUMNS]
    for pk, region_id, code, partner_id, year, *rest in rows.iterator(chunk_size=5000):
        newest.append(pk)
        region[region_id].append(pk)
        country[code].append(pk)
        partner[partner_id].append(pk)
        if year is not None:
            years[year].append(pk)
        for options, value in zip(codes, rest, strict=False):
            # Empty ("not stated") is no option.
            if value:
                options[value].append(pk)
        if rest[len(codes)]:
            reviewed.append(pk)
        for ids, on in zip(funded, rest[len(codes) + 1 :], strict=True):
            if on:
                ids.append(pk)
    all_ids = FrozenBitMap(newest)
    for name, relation in (("theme", Measure.categories), ("target", Measure.target_groups)):
        field = relation.field
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = relation.through.objects.filter(**{f"{own}__in": published.values("pk")})
        for measure_id, option_id in links.order_by().values_list(own, other).iterator(5000):
            grouped[name][option_id].append(measure_id)
    options = {
        name: {key: FrozenBitMap(ids) for key, ids in grouped[name].items() if key is not None}
        for name in grouped
    }
    options["funding"] = {
        source.value: FrozenBitMap(ids) for (source, _), ids in zip(funding, funded, strict=True)
    }
    options["reviewed"] = {REVIEWED_VALUE: FrozenBitMap(reviewed)}
    return Bitmaps(
        all_ids,
        options,
        {year: FrozenBitMap(ids) for year, ids in years.items()},
        Order(newest),
    )


def current():
    """The bitmaps of the current content version."""
    return _kept("bitmaps", build, Bitmaps.dump, Bitmaps.load)


def order(sort, terms):
    """The published measures' ids in the order of `sort`, whose order_by() terms are `terms`.

    The newest first comes with the bitmaps; any other order is read on its first use
    under a content version.
    """
    if sort == NEWEST:
        return current().newest

    def read():
        ids = Measure.objects.published().order_by(*terms).values_list("pk", flat=True)
        return Order(array("I", ids.iterator(chunk_size=5000)))

    return _kept(f"order-{sort}", read, Order.dump, Order.load)


# What this process keeps of the current content version: {"version", "values": {name: …}}.
_memory = {"version": None, "values": {}}
_lock = threading.Lock()


def _kept(name, make, dump, load):
    """`make()` of the current content version: from this process, the cache or `make`."""
    global _memory
    try:
        version = content_version.current()
    except Exception:
        logger.exception("Cache unavailable; facet bitmaps read from the database")
        return make()
    memory = _memory
    if memory["version"] == version and name in memory["values"]:
        return memory["values"][name]
    key = f"content:{version}:facet-bitmaps:{FORMAT}:{name}"
    value = None
    try:
        stored = cache.get(key)
        if stored is not None:
            value = load(stored)
    except Exception:
        logger.exception("Facet bitmaps could not be read from the cache; built anew")
    if value is None:
        value = make()
        try:
            cache.set(key, dump(value), TIMEOUT)
        except Exception:
            logger.exception("Cache unavailable; facet bitmaps not stored")
    with _lock:
        if _memory["version"] != version:
            _memory = {"version": version, "values": {}}
        _memory["values"][name] = value
    return value
