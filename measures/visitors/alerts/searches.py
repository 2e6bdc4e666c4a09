"""The saved search of an alert: the measure list's filters, stored as a query string and run again.

The stored text is the list's canonical query string (`MeasureFilter.canonical_query`)
without sort or page: valid filters only, in a fixed order, so the same search
ticked in another order is the same subscription; misspelled words that find
nothing are stored as the list corrects them.
"""

from django.http import QueryDict
from django.utils.translation import gettext

from measures.catalogue.filters import MeasureFilter
from measures.models import AlertDelivery, Measure


def filterset(query):
    """The list's filters for the query string `query`, over the published measures."""
    return MeasureFilter(QueryDict(query), queryset=Measure.objects.published().for_listing())


def canonical(query):
    """`query` as it is stored: only the filters in force, without sort and page.

    Search words that find nothing are stored corrected, as the list page shows
    them (MeasureFilter.corrected): an alert for "digtal" is one for "digital",
    and says so. With exact=1 they stay as typed.
    """
    filters = filterset(query)
    return (filters.corrected() or filters).canonical_query(with_sort=False, page=None)


def describe(query, *, words=True):
    """The filters of `query` for people, in the active language: ["Theme: Remote work", …].

    Empty for the whole list. `words=False` leaves the search words out, naming
    only that there are some: a mail to an address nobody has confirmed yet must
    carry no text a stranger chose (the words could say anything to anyone), and
    every other filter is a name from the database or a number.
    """
    parts = []
    for chip in filterset(query).active_filters():
        text = chip["text"] if words or chip["name"] != "q" else gettext("the words you typed")
        parts.append(f"{chip['label']}: {text}")
    return parts


def left_out(query):
    """The labels of the filters of `query` that the list would leave out (unknown values).

    An alert without them would widen to more measures than the visitor asked for.
    A parameter without a value (theme=) asks for nothing and is no such filter.
    """
    data = QueryDict(query, mutable=True)
    for name in list(data):
        data.setlist(name, [value for value in data.getlist(name) if value])
    return [str(label) for label, errors in filterset(data.urlencode()).invalid_fields]


def new_matches(subscription, limit):
    """Up to `limit` measures for the next digest of `subscription`, oldest first.

    Measures first published since the subscription was confirmed, which match its
    filters now and were never mailed to it: a measure archived and published again
    keeps its first publication date and its delivery record, so it is not news.
    None when the search no longer holds (one of its regions or themes was
    removed): left out, the filter would widen to every measure.
    """
    filters = filterset(subscription.query)
    if filters.form.errors:
        return None
    mailed = AlertDelivery.objects.filter(subscription=subscription).values("measure")
    measures = (
        filters.qs.filter(published_at__gte=subscription.confirmed_at)
        .exclude(pk__in=mailed)
        .order_by("published_at", "pk")
    )
    return list(measures[:limit])
