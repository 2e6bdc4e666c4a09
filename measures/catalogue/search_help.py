"""What the measure list does when its filters and search find nothing.

- `corrected(filterset)`: the same filters with misspelled search words replaced
  by the catalogue's nearest words (MeasureFilter.corrected), when those find
  something; the page then says "Showing results for …; search instead for …".
  Never when the visitor asked for their words exactly (`exact=1`).
- `loose_search(filterset)`: after "search instead", when the words as typed find
  nothing, the corrected words to search for after all.
- `widening(filterset)`: each filter in force, how many measures the list would
  show without it and the query string that removes it, largest first; and
  whether the search words alone find nothing, so that the page speaks of the
  words rather than of the filters.

Both only run for an empty list: one counting query per filter in force at most.
"""

# Filters a visitor does not remove: the order of the list, and the flag that
# keeps the words as typed.
NOT_FILTERS = ("sort", "exact")


def corrected(filterset):
    """A filter set of the same filters with the words corrected, or None."""
    return filterset.corrected(with_facets=True)


def loose_search(filterset):
    """When words searched as typed (exact) find nothing but their correction would:
    {"words": the corrected words, "query": the query string that searches them}."""
    if not filterset.is_exact:
        return None
    data = filterset.data.copy()
    data.pop("exact", None)
    other = type(filterset)(data, queryset=filterset.queryset, request=filterset.request)
    corrected = other.corrected()
    if corrected is None:
        return None
    return {"words": corrected.query, "query": corrected.data.urlencode()}


def exact_query(filterset, words):
    """The query string of the same filters searching `words` as typed."""
    data = filterset.data.copy()
    data["q"] = words
    data["exact"] = "1"
    data.pop("page", None)
    return data.urlencode()


def _in_force(filterset):
    """The names of the filters with a value, in the form's order."""
    data = filterset.form.cleaned_data

    def is_set(value):
        # A year is a number; a facet's values a list or a queryset, empty when unticked.
        return isinstance(value, int) or bool(value)

    return [
        name for name in filterset.form.fields if name not in NOT_FILTERS and is_set(data.get(name))
    ]


def _removed(filterset, name):
    data = filterset.data.copy()
    data.pop(name, None)
    data.pop("page", None)
    if name == "q":
        data.pop("exact", None)
    return data.urlencode()


def widening(filterset):
    """(whether the words alone find nothing, [each filter in force and what removing it gives]).

    Each entry: label and text of the filter, `count` of measures without it,
    `query` the query string without it; only filters whose removal shows some,
    the largest count first.
    """
    filterset.is_valid()
    names = _in_force(filterset)
    # The list is empty: with the words alone, that needs no query more.
    if "q" in names and (names == ["q"] or not filterset.count_without(set(names) - {"q"})):
        return True, []
    chips = {}
    for chip in filterset.active_filters():
        chips.setdefault(chip["name"], []).append(chip)
    found = []
    for name in names:
        count = filterset.count_without({name})
        if count:
            group = chips.get(name, [])
            found.append(
                {
                    "label": filterset.form.fields[name].label,
                    "text": ", ".join(str(chip["text"]) for chip in group),
                    "count": count,
                    "query": _removed(filterset, name),
                }
            )
    found.sort(key=lambda entry: -entry["count"])
    return False, found
