"""The review summary on the admin index: how much waits for whom."""

from django import template
from django.db.models import Count

from measures.models import Measure, MeasureRevision
from measures.review import permissions

register = template.Library()


@register.inclusion_tag("admin/measures/review_summary.html", takes_context=True)
def review_summary(context):
    user = context["request"].user
    by_status = dict(
        permissions.visible_measures(user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    pending = MeasureRevision.objects.filter(
        status=MeasureRevision.Status.PENDING,
        measure__in=permissions.visible_measures(user),
    ).count()
    overdue = permissions.visible_measures(user).verification_overdue().count()
    return {
        "overdue": overdue,
        "counts": [(status, status.label, by_status.get(status, 0)) for status in Measure.Status],
        "pending_revisions": pending,
        "can_review": permissions.can_review(user),
        "show": permissions.works_on_measures(user),
    }
