"""The fit check's page: "Could this work in my region?" answered for one measure.

The form on the measure's page sends its answers here with GET, so the result
is an address to keep or share; nothing is stored (`measures.models.fit`). Any
query string gets a page: answers that cannot be read count as "don't know". A
measure with nothing recorded to check against gets a page that says so, and no
form; its own page does not offer the check.
"""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from measures.models import Measure
from measures.models.fit import FitCheck, fewer_prerequisites


@require_safe
def fit_check(request, slug):
    measure = get_object_or_404(
        Measure.objects.published().for_listing().with_prerequisites(), slug=slug
    )
    check = FitCheck.from_query(measure, request.GET)
    answered = check.can_compare and check.is_answered
    context = {
        "measure": measure,
        "check": check,
        "alternatives": (
            fewer_prerequisites(measure, budget=check.budget, staff=check.staff) if answered else []
        ),
    }
    return render(request, "measures/fit_check.html", context)
