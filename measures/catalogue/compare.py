"""The comparison page: up to three published measures side by side, field by field.

The choice lives in the address (`/en/compare/?m=<slug>&m=<slug>`), so a
comparison is a link to share, made without JavaScript by the "Compare"
checkboxes of the measure cards. Slugs that name no published measure, and any
beyond the third, are reported on the page and left out; the rest are compared.
"""

from urllib.parse import urlencode

from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from measures.catalogue.related import related_measures
from measures.content_language import localized, source_text
from measures.models import CRITERIA, GOOD_PRACTICE_FIELDS, Measure, expert_ratings

# The page's wording says "three"; change it with this.
MAX_COMPARED = 3
# More distinct slugs than this in one address are not even looked up; nobody ticks twenty.
MAX_SLUGS = 20
SUGGESTION_COUNT = 3


def chosen_slugs(query):
    """The distinct, non-empty slugs of the address's `m` values, in order."""
    slugs = []
    for value in query.getlist("m"):
        slug = value.strip()
        if slug and slug not in slugs:
            slugs.append(slug)
            if len(slugs) == MAX_SLUGS:
                break
    return slugs


def compare_query(measures):
    """The query string that compares `measures`, with its leading "?"."""
    return "?" + urlencode([("m", measure.slug) for measure in measures])


def fact_rows(measures):
    """(label, [value of each measure]) for the structured results and resources.

    A value is "" where the measure does not state it.
    """

    def duration(measure):
        months = measure.duration_months
        if not months:
            return ""
        return ngettext("%(months)d month", "%(months)d months", months) % {"months": months}

    return [
        (_("Evidence of results"), [m.get_evidence_level_display() for m in measures]),
        (_("Budget"), [m.get_budget_band_display() for m in measures]),
        (_("Staff"), [m.get_staff_effort_display() for m in measures]),
        (_("Duration"), [duration(m) for m in measures]),
        (
            _("Funding sources"),
            [", ".join(str(source.label) for source in m.funding_sources) for m in measures],
        ),
    ]


def rating_rows(measures):
    """(criterion, [rating of each measure]) of the expert opinions, or [] when no compared
    measure has one. A rating is the average over the measure's published opinions,
    "4 of 5" or "4.5 of 5 (2 opinions)"; "" where the measure has none."""
    if not any(measure.expert_opinion_count for measure in measures):
        return []

    def rating(measure, name):
        average, count = getattr(measure, f"rating_{name}"), measure.expert_opinion_count
        if not count:
            return ""
        score = _("%(score)s of 5") % {"score": floatformat(average, -1)}
        if count == 1:
            return score
        opinions = ngettext("%(n)d opinion", "%(n)d opinions", count) % {"n": count}
        return f"{score} ({opinions})"

    return [
        (
            _("Expert rating: %(criterion)s") % {"criterion": label},
            [rating(m, name) for m in measures],
        )
        for name, _reason, label in CRITERIA
    ]


def text_rows(measures):
    """(label, [text of each measure]) for the free-text fields, in template order.

    The good-practice sections in the page's language where translated, else English.
    """
    rows = [(_("Funding"), [source_text(measure.funding) for measure in measures])]
    for name in GOOD_PRACTICE_FIELDS:
        label = Measure._meta.get_field(name).verbose_name
        rows.append((label, [localized(measure, name) for measure in measures]))
    return rows


@require_safe
def compare(request):
    slugs = chosen_slugs(request.GET)
    found = {
        measure.slug: measure
        for measure in Measure.objects.published()
        .for_detail()
        .annotate(**expert_ratings())
        .filter(slug__in=slugs)
    }
    valid = [found[slug] for slug in slugs if slug in found]
    measures = valid[:MAX_COMPARED]
    suggestions = []
    if measures and len(measures) < MAX_COMPARED:
        chosen = {measure.pk for measure in measures}
        suggestions = [
            candidate
            for candidate in related_measures(measures[0], limit=SUGGESTION_COUNT + MAX_COMPARED)
            if candidate.pk not in chosen
        ][:SUGGESTION_COUNT]
    context = {
        "measures": measures,
        "columns": [
            {"measure": measure, "without": compare_query([m for m in measures if m != measure])}
            for measure in measures
        ],
        "share_query": compare_query(measures),
        "missing": [slug for slug in slugs if slug not in found],
        "left_out": valid[MAX_COMPARED:],
        "fact_rows": fact_rows(measures),
        "rating_rows": rating_rows(measures),
        "text_rows": text_rows(measures),
        "suggestions": suggestions,
    }
    return render(request, "measures/compare.html", context)
