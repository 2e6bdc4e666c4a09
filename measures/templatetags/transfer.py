"""Template helpers for a measure's structured results and resources."""

from django import template
from django.utils.translation import gettext_lazy as _

from measures.models import EvidenceLevel
from measures.models.documentation import DocumentationLevel

register = template.Library()


@register.filter
def evidence_note(level):
    """What an evidence level means, for visitors; "" for none or an unknown value."""
    if level not in EvidenceLevel.values:
        return ""
    return EvidenceLevel(level).description


@register.filter
def documentation_note(level):
    """What a documentation level means, for visitors; "" for none or an unknown value."""
    if level not in DocumentationLevel.values:
        return ""
    return DocumentationLevel(level).description


@register.simple_tag
def results_table(indicators):
    """The results table of a measure's indicators, without the columns none of them fills.

    {"columns": [label, …], "rows": [(indicator, [figure with unit or "", …])]}: of
    baseline, target and achieved, only those at least one indicator gives, so a
    phone shows the figures rather than empty columns.
    """
    labels = [_("Baseline"), _("Target"), _("Achieved")]
    rows = [(indicator, indicator.figures) for indicator in indicators]
    used = [n for n in range(len(labels)) if any(figures[n] for _, figures in rows)]
    return {
        "columns": [labels[n] for n in used],
        "rows": [(indicator, [figures[n] for n in used]) for indicator, figures in rows],
        "achieved_shown": 2 in used,
    }
