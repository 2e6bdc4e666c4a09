"""A measure's themes and target groups from the cached taxonomy, without a query of their own.

Every public page already holds the catalogue's themes and target groups, with
their names in the page's language, from the shared cache (`measures.catalogue.facets`,
one entry per content version). So instead of a prefetch query per relation,
the measure's own row brings the ids of its themes and target groups (a small
subquery on the join table's index) and the rows come from that cache. A list
page saves the themes' query (and their translations' on a page in another
language); a detail page saves two.

`MeasureQuerySet.with_cached_relations()` asks for it. The relations are then
read as usual: `measure.categories.all()` answers from the prefetch cache, in
the order a prefetch would give (the taxonomy's order). An id the cached rows do
not know (a theme created a moment ago) makes those rows be read again.
"""

from django.db.models import F, OuterRef, Subquery, TextField
from django.db.models.query import ModelIterable

from measures.models import Category, Measure, TargetGroup

# relation name → (annotation carrying its ids, model of its rows)
RELATIONS = {
    "categories": ("theme_id_list", Category),
    "target_groups": ("target_group_id_list", TargetGroup),
}


class IdList(Subquery):
    """The ids a subquery returns, as one value: an array on PostgreSQL, "1,2" on SQLite."""

    template = "ARRAY(%(subquery)s)"

    def __init__(self, queryset):
        # The value is parsed by _parse(); no converter of the database backend applies.
        super().__init__(queryset, output_field=TextField())

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "(SELECT group_concat(ids.option) FROM (%(subquery)s) ids)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def id_list(relation):
    """The annotation of the ids of `relation` of each measure."""
    field = Measure._meta.get_field(relation)
    through = field.remote_field.through
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    ids = through.objects.filter(**{own: OuterRef("pk")}).order_by()
    return IdList(ids.values(option=F(other)))


def _parse(value):
    if value is None:
        return set()
    if isinstance(value, str):
        return {int(part) for part in value.split(",") if part}
    return set(value)


def rows_of(model):
    """The cached rows of `model`, in taxonomy order (themes and target groups)."""
    from measures.catalogue import facets

    return facets.taxonomy()[model]


class CachedRelationsIterable(ModelIterable):
    """Measures whose themes and target groups are filled from the cached taxonomy."""

    def __iter__(self):
        measures = list(super().__iter__())
        for relation, (annotation, model) in RELATIONS.items():
            rows = rows_of(model)
            known = {row.pk for row in rows}
            wanted = [(measure, _parse(getattr(measure, annotation))) for measure in measures]
            if any(ids - known for _, ids in wanted):
                rows = list(model.objects.translated())
            for measure, ids in wanted:
                _fill(measure, relation, [row for row in rows if row.pk in ids])
        yield from measures


def _fill(measure, relation, rows):
    # What Django's prefetch_related does once it has read the rows: a queryset of
    # the relation whose result is already known, kept in the prefetch cache.
    queryset = getattr(measure, relation).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    measure.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
