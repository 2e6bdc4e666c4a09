"""The measure list's own filters: review state (needs review first) and verification."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models import Measure, MeasureRevision
from measures.models.measure import verification_overdue_q
from measures.review import permissions

Status = Measure.Status


class ReviewStateFilter(admin.SimpleListFilter):
    """Publication state, with "needs review" as the coordinators' starting point."""

    title = _("review state")
    parameter_name = "review"
    NEEDS_REVIEW = "needs-review"
    ALL = "all"

    def __init__(self, request, params, model, model_admin):
        # value() needs the request to know the person's default.
        self.request = request
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [(self.NEEDS_REVIEW, _("Needs review")), *Status.choices]

    def default(self, request):
        return self.NEEDS_REVIEW if permissions.can_review(request.user) else self.ALL

    def value(self):
        return super().value() or self.default(self.request)

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NEEDS_REVIEW:
            pending = MeasureRevision.objects.filter(status=MeasureRevision.Status.PENDING)
            return queryset.filter(
                Q(status=Status.SUBMITTED) | Q(pk__in=pending.values("measure_id"))
            )
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset

    def choices(self, changelist):
        current = self.value()
        yield {
            "selected": current == self.ALL,
            "query_string": changelist.get_query_string({self.parameter_name: self.ALL}),
            "display": _("All"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class VerificationFilter(admin.SimpleListFilter):
    """Published measures whose facts nobody confirmed for a year, or those confirmed since."""

    title = _("verification")
    parameter_name = "verification"
    OVERDUE = "overdue"
    CURRENT = "current"

    def lookups(self, request, model_admin):
        return [
            (self.OVERDUE, _("Not verified for a year")),
            (self.CURRENT, _("Verified within a year")),
        ]

    def queryset(self, request, queryset):
        if self.value() == self.OVERDUE:
            return queryset.verification_overdue()
        if self.value() == self.CURRENT:
            return queryset.published().exclude(verification_overdue_q())
        return queryset
