"""Related measures: published measures that share themes or target groups with a measure.

The catalogue exists so that one region can adapt what worked in another, so
measures from other regions come first; within each group, the more themes and
target groups a measure shares, the higher it ranks. Everything is one query
(plus the themes of the cards, prefetched by `for_listing()`), however many
candidates there are: the candidates, the newest measures sharing a theme or a
target group, come from the bitmaps of the published measures
(measures.catalogue.bitmaps), which the list keeps per content version, and
the shared counts are subqueries over the join tables. Asked of the database,
the candidates cost a scan of every measure of those themes (some 150 ms at
100,000 measures).
"""

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from pyroaring import BitMap

from measures.catalogue import bitmaps
from measures.models import Measure

RELATED_COUNT = 6
# Ranking reads every candidate; in a large catalogue most measures share a theme,
# so only the newest this many candidates are ranked.
CANDIDATE_POOL = 300
# The relation of a measure → the facet of the bitmaps that holds its options.
FACETS = {"categories": "theme", "target_groups": "target"}


def _shared_count(relation, values):
    """For each outer measure, how many of `values` it has through the m2m `relation`."""
    field = Measure._meta.get_field(relation)
    through = field.remote_field.through
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = (
        through.objects.filter(**{own: OuterRef("pk"), f"{other}__in": values})
        .order_by()
        .values(own)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _candidates(measure, wanted):
    """The ids of the newest CANDIDATE_POOL published measures other than `measure` that
    have any of the options `wanted` ({relation: ids}), newest first."""
    index = bitmaps.current()
    ids = BitMap()
    for relation, values in wanted.items():
        ids |= index.any_of(FACETS[relation], values)
    ids.discard(measure.pk)
    return index.newest.page(ids, 0, CANDIDATE_POOL)


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
    pool = _candidates(measure, wanted)
    if not pool:
        return []
    shared = sum((_shared_count(relation, ids) for relation, ids in wanted.items()), Value(0))
    candidates = (
        Measure.objects.published()
        .for_listing()
        .filter(pk__in=pool)
        .annotate(
            shared=shared,
            other_region=Case(
                When(region_id=measure.region_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("-other_region", "-shared", "-published_at", "title", "pk")
    )
    return list(candidates[:limit])
