"""The catalogue's models: regions, themes and target groups, measures, their review, alerts."""

from measures.models.alerts import AlertDelivery, AlertSubscription
from measures.models.explorations import Exploration
from measures.models.lineage import Lineage
from measures.models.measure import (
    GOOD_PRACTICE_FIELDS,
    SUMMARY_MAX_LENGTH,
    Measure,
    MeasureLink,
    MeasureQuerySet,
)
from measures.models.opinions import (
    CRITERIA,
    CRITERION_NAMES,
    ExpertOpinion,
    expert_rating,
    expert_rating_summary,
    expert_ratings,
    expert_reviewed,
)
from measures.models.prerequisites import (
    MAX_PREREQUISITES,
    Prerequisite,
    PrerequisiteKind,
    PrerequisiteRows,
    prerequisite_count,
)
from measures.models.results import (
    FUNDING_FIELDS,
    BudgetBand,
    EvidenceLevel,
    FundingSource,
    Indicator,
    StaffEffort,
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
    IndicatorTranslation,
    MeasureLinkTranslation,
    MeasureTranslation,
    RegionTranslation,
    TargetGroupTranslation,
)

__all__ = [
    "CRITERIA",
    "CRITERION_NAMES",
    "FIRST_YEAR",
    "FUNDING_FIELDS",
    "GOOD_PRACTICE_FIELDS",
    "LAST_YEAR",
    "MAX_PREREQUISITES",
    "SUMMARY_MAX_LENGTH",
    "AlertDelivery",
    "AlertSubscription",
    "BudgetBand",
    "Category",
    "CategoryTranslation",
    "EvidenceLevel",
    "ExpertOpinion",
    "Exploration",
    "FundingSource",
    "Indicator",
    "IndicatorTranslation",
    "Lineage",
    "Measure",
    "MeasureLink",
    "MeasureLinkTranslation",
    "MeasureQuerySet",
    "MeasureRevision",
    "MeasureTransition",
    "MeasureTranslation",
    "Prerequisite",
    "PrerequisiteKind",
    "PrerequisiteRows",
    "Region",
    "RegionTranslation",
    "StaffEffort",
    "TargetGroup",
    "TargetGroupTranslation",
    "expert_rating",
    "expert_rating_summary",
    "expert_ratings",
    "expert_reviewed",
    "prerequisite_count",
]
