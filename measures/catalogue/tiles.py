"""The regions and themes as tiles and map markers show them, each with its published count.

What `Region.objects.with_measure_counts()` and `Category.objects.with_measure_counts()`
give, without a query: the rows from the cached taxonomy (measures.models.taxonomy),
in their order and with their names in the page's language, and each one's number
of published measures from the bitmaps the list keeps per content version
(measures.catalogue.bitmaps). Counted in SQL, the themes' numbers read every
published measure of every theme: over a second at 100,000 measures.
"""

import copy

from measures.catalogue import bitmaps
from measures.models import Category, Region
from measures.models.taxonomy import cached_taxonomy
from partners.models import Partner

# The facet of the bitmaps that holds each kind of row's measures.
FACETS = {Region: "region", Category: "theme"}


def regions():
    """Every region with `published_count`, in the order of Region."""
    return _counted(Region)


def themes():
    """Every theme with `published_count`, in the order of Category."""
    return _counted(Category)


def published_total():
    """How many measures are published."""
    return len(bitmaps.current().published)


def active_partner_count():
    return sum(1 for partner in cached_taxonomy()[Partner] if partner.is_active)


def counted(row, index=None):
    """`row`, a region or a theme, with its `published_count` (from `index`, the bitmaps)."""
    index = index or bitmaps.current()
    row.published_count = len(index.option(FACETS[type(row)], row.pk))
    return row


def _counted(model):
    index = bitmaps.current()
    # Copies: the cached rows are shared by everything else the page shows.
    return [counted(copy.copy(row), index) for row in cached_taxonomy()[model]]
