"""Related measures: published measures that share themes or target groups with a measure.

The catalogue exists so that one region can adapt what worked in another, so
measures from other regions come first; within each group, the more themes and
target groups a measure shares, the higher it ranks, then the newest. Everything
is one query (plus the themes of the cards, prefetched by `for_listing()`),
however many candidates there are. The candidates, the newest measures sharing a
theme or a target group, and each one's group (another region or not, how many
options shared) come from the bitmaps of the published measures
(measures.catalogue.bitmaps), which the list keeps per content version; the query
reads the candidates by id and orders them by group. Asked of the database, the
candidates cost a scan of every measure of those themes (some 150 ms at 100,000
measures) and the shared options two subqueries per candidate.
"""

from collections import defaultdict

from django.db.models import Case, IntegerField, Value, When
from pyroaring import BitMap

from measures.catalogue import bitmaps
from measures.models import Measure

RELATED_COUNT = 6
# Ranking reads every candidate; in a large catalogue most measures share a theme,
# so only the newest this many candidates are ranked.
CANDIDATE_POOL = 300
# The relation of a measure → the facet of the bitmaps that holds its options.
FACETS = {"categories": "theme", "target_groups": "target"}


def _candidates(index, measure, wanted):
    """The ids of the newest CANDIDATE_POOL published measures other than `measure` that
    have any of the options `wanted` ({relation: ids}), newest first."""
    ids = BitMap()
    for relation, values in wanted.items():
        ids |= index.any_of(FACETS[relation], values)
    ids.discard(measure.pk)
    return index.newest.page(ids, 0, CANDIDATE_POOL)


def _groups(index, measure, wanted, candidates):
    """Each candidate's place among the groups, 0 the best: measures of other regions
    first, then those sharing more of the options `wanted`."""
    same_region = index.option("region", measure.region_id)
    options = [
        index.option(FACETS[relation], value)
        for relation, values in wanted.items()
        for value in values
    ]
    grouped = defaultdict(list)
    for pk in candidates:
        grouped[(pk not in same_region, sum(pk in ids for ids in options))].append(pk)
    return Case(
        *(
            When(pk__in=grouped[key], then=Value(place))
            for place, key in enumerate(sorted(grouped, reverse=True))
        ),
        output_field=IntegerField(),
    )


def related_measures(measure, limit=RELATED_COUNT):
    """Up to `limit` published measures sharing a theme or target group with `measure`.

    Reads the measure's themes and target groups from its prefetch cache when
    `for_detail()` loaded it, so it adds no query for them. Never returns the
    measure itself, nor any measure that is not published.
    """
    wanted = {
        "categories": [theme.pk for theme in measure.theme_list],
        "target_groups": [group.pk for group in measure.target_group_list],
    }
    wanted = {relation: ids for relation, ids in wanted.items() if ids}
    if not wanted:
        return []
    index = bitmaps.current()
    candidates = _candidates(index, measure, wanted)
    if not candidates:
        return []
    related = (
        Measure.objects.published()
        .for_listing()
        .filter(pk__in=candidates)
        .annotate(group=_groups(index, measure, wanted, candidates))
        .order_by("group", "-published_at", "title", "pk")
    )
    return list(related[:limit])
