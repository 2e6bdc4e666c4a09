"""Search of measures by words.

A plain version for every database: each word of the query must appear in at
least one of the measure's texts or in its region, partner or theme names.
"""

from django.db.models import Exists, OuterRef, Q

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8

TEXT_FIELDS = [
    "title",
    "title_local",
    "summary",
    "description",
    "problem",
    "resources",
    "evidence",
    "difficulties",
    "transfer_potential",
    "main_institution",
    "region__name",
    "region__name_local",
    "partner__name",
    "partner__short_name",
]


def search_words(query):
    """The words a query string searches for: at most MAX_WORDS, NUL bytes removed."""
    cleaned = query.replace("\x00", " ")[:MAX_QUERY_LENGTH]
    return cleaned.split()[:MAX_WORDS]


def search_measures(queryset, query):
    words = search_words(query)
    if not words:
        return queryset
    category_model = queryset.model.categories.rel.model
    for word in words:
        in_theme = Exists(
            category_model.objects.filter(measures=OuterRef("pk"), name__icontains=word)
        )
        matches = Q()
        for field in TEXT_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches | in_theme)
    return queryset
