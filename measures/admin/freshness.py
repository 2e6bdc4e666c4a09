"""Freshness in the measure admin: the overdue list, its list filter and the confirm button.

Mixed into `MeasureAdmin`, so every view here sees only what the person's
`get_queryset()` (that is, `measures.review.permissions`) lets them see: coordinators
every partner's measures, editors their own partner's.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from measures.models.measure import verification_cutoff, verification_overdue_q
from measures.review import freshness, permissions
from measures.review.workflow import WorkflowError


class VerificationFilter(admin.SimpleListFilter):
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


class FreshnessAdminMixin:
    def get_list_filter(self, request):
        return [*super().get_list_filter(request), VerificationFilter]

    def get_urls(self):
        own = [
            path(
                "verification-overdue/",
                self.admin_site.admin_view(self.overdue_view),
                name="measures_measure_overdue",
            ),
            path(
                "<path:object_id>/confirm-current/",
                self.admin_site.admin_view(self.confirm_current_view),
                name="measures_measure_confirm_current",
            ),
        ]
        return own + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["can_confirm_current"] = permissions.can_confirm_current(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def overdue_view(self, request):
        if not permissions.role_of(request.user).is_staff_member:
            raise PermissionDenied
        measures = list(
            self.get_queryset(request)
            .verification_overdue()
            .order_by("last_verified", "published_at", "title")
        )
        for measure in measures:
            measure.can_confirm_current = permissions.can_confirm_current(request.user, measure)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Measures not verified for a year"),
            "measures": measures,
            "cutoff": verification_cutoff(),
            "today": timezone.localdate(),
            "is_coordinator": permissions.can_review(request.user),
        }
        return TemplateResponse(request, "admin/measures/measure/overdue.html", context)

    def confirm_current_view(self, request, object_id):
        change_url = reverse("admin:measures_measure_change", args=[object_id])
        measure = get_object_or_404(self.get_queryset(request), pk=object_id)
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        try:
            freshness.confirm_current(measure, request.user)
        except WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("Thank you: “%(title)s” now counts as verified today.")
                % {"title": measure.title},
                messages.SUCCESS,
            )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = change_url
        return HttpResponseRedirect(back)
