"""Related measures: published measures that share themes or target groups with a measure.

The catalogue exists so that one region can adapt what worked in another, so
measures from other regions come first; within each group, the more themes and
target groups a measure shares, the higher it ranks. Everything is one query
(plus the themes of the cards, prefetched by `for_listing()`), however many
candidates there are: the shared counts are subqueries over the join tables.
"""

from functools import reduce
from operator import or_

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from measures.models import Measure

RELATED_COUNT = 6
# Ranking reads every candidate; in a large catalogue most measures share a theme,
# so only the newest this many candidates are ranked.
CANDIDATE_POOL = 300


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


def _measures_with(relation, values):
    field = Measure._meta.get_field(relation)
    through = field.remote_field.through
    return through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": values}).values(
        field.m2m_field_name()
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
    shared = sum((_shared_count(relation, ids) for relation, ids in wanted.items()), Value(0))
    matches = reduce(
        or_, (Q(pk__in=_measures_with(relation, ids)) for relation, ids in wanted.items())
    )
    pool = (
        Measure.objects.published()
        .exclude(pk=measure.pk)
        .filter(matches)
        .order_by("-published_at", "-pk")
        .values("pk")[:CANDIDATE_POOL]
    )
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
