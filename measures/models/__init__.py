"""The catalogue's models: regions, themes and target groups, measures, and their review."""

from measures.models.measure import (
    SUMMARY_MAX_LENGTH,
    Measure,
    MeasureLink,
    MeasureQuerySet,
)
from measures.models.review import MeasureRevision, MeasureTransition
from measures.models.taxonomy import (
    FIRST_YEAR,
    LAST_YEAR,
    Category,
    Region,
    TargetGroup,
)
from measures.models.translation import (
    CategoryTranslation,
    MeasureTranslation,
    RegionTranslation,
    TargetGroupTranslation,
)

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "SUMMARY_MAX_LENGTH",
    "Category",
    "CategoryTranslation",
    "Measure",
    "MeasureLink",
    "MeasureQuerySet",
    "MeasureRevision",
    "MeasureTransition",
    "MeasureTranslation",
    "Region",
    "RegionTranslation",
    "TargetGroup",
    "TargetGroupTranslation",
]
