"""The query string that names a filtered measure list, for addresses meant to last.

The list page's canonical address and the feed's links keep only the filters in
force: valid values, in the filter set's order, each facet's values sorted, the
sort only when it differs from the list's own default and the page only after
the first. The same filters then give the same address whatever order the
visitor ticked them in, and tracking or mistyped parameters fall away.
"""

from django.db.models import QuerySet
from django.http import QueryDict


def default_order(filterset):
    """The order the list has when the visitor chose none (see MeasureFilter.order)."""
    return "relevance" if filterset.query else "newest"


def filter_query(filterset, *, with_sort=True, page=1):
    """The canonical query string of `filterset`'s valid filters, without "?"."""
    filterset.is_valid()
    data = filterset.form.cleaned_data
    query = QueryDict(mutable=True)
    for name, field in filterset.form.fields.items():
        value = data.get(name)
        if name == "sort":
            if with_sort and value and value != default_order(filterset):
                query[name] = value
        elif isinstance(value, (list, tuple, QuerySet)):
            key = getattr(field, "to_field_name", None)
            values = sorted(str(getattr(item, key) if key else item) for item in value)
            if values:
                query.setlist(name, values)
        elif value is not None and value != "":
            query[name] = str(value)
    if page and page > 1:
        query["page"] = str(page)
    return query.urlencode()
