"""Regions exploring a measure, in the back office.

Coordinators approve or decline the entries that wait (bulk actions) and record
an adoption by naming the adopting measure on an entry's page, which makes the
lineage link (`measures.review.explorations`). A partner's editors read the
entries for their measures; nobody sees an exploring organisation's address here.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from measures.models import Exploration, Measure
from measures.review import explorations, permissions


class ExplorationAdminForm(forms.ModelForm):
    adopted_in = forms.ModelChoiceField(
        queryset=Measure.objects.none(),
        required=False,
        label=_("Adopted in"),
        help_text=_(
            "When the organisation has adopted the measure, choose its own measure in the "
            "catalogue: an “adapted from” link is recorded and this entry is kept as its history."
        ),
    )

    class Meta:
        model = Exploration
        fields = []


@admin.register(Exploration)
class ExplorationAdmin(admin.ModelAdmin):
    form = ExplorationAdminForm
    list_display = ["organisation", "region_name", "country", "measure", "status", "created_at"]
    list_filter = ["status", "country", "region"]
    list_select_related = ["measure"]
    search_fields = ["organisation", "region_name", "measure__title"]
    actions = ["approve", "decline"]
    readonly_fields = [
        "measure",
        "organisation",
        "region",
        "region_name",
        "country",
        "note",
        "status",
        "created_at",
        "confirmed_at",
        "decided_at",
        "decided_by",
        "lineage",
    ]
    fields = [*readonly_fields, "adopted_in"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("measure", "region", "decided_by")
        return queryset.filter(measure__in=permissions.visible_measures(request.user).values("pk"))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return permissions.can_review_explorations(request.user) and super().has_delete_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can_review_explorations(request.user) and super().has_change_permission(
            request, obj
        )

    def get_fields(self, request, obj=None):
        if obj is not None and obj.lineage_id is None and self.has_change_permission(request, obj):
            return self.fields
        return self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "adopted_in" in form.base_fields and obj is not None:
            # A public "adapted from" link: only a published measure can be the adoption.
            form.base_fields["adopted_in"].queryset = (
                permissions.origin_choices(request.user)
                .published()
                .exclude(pk=obj.measure_id)
                .order_by("title")
            )
        return form

    def save_model(self, request, obj, form, change):
        adopted_in = form.cleaned_data.get("adopted_in")
        if adopted_in is None:
            return
        try:
            explorations.record_adoption(obj, adopted_in, request.user)
        except (explorations.ExplorationError, ValidationError, PermissionDenied) as error:
            messages.error(request, str(getattr(error, "message", error)))
        else:
            messages.success(request, _("The adoption is recorded as an “adapted from” link."))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.can_review_explorations(request.user):
            return {}
        return actions

    @admin.action(description=_("Approve the selected entries (shown on the measure's page)"))
    def approve(self, request, queryset):
        self._decide(request, queryset, explorations.approve)

    @admin.action(description=_("Decline the selected entries"))
    def decline(self, request, queryset):
        self._decide(request, queryset, explorations.decline)

    def _decide(self, request, queryset, step):
        done = 0
        for exploration in queryset.filter(status=Exploration.Status.WAITING):
            step(exploration, request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d entry decided.", "%(n)d entries decided.", done) % {"n": done},
            messages.SUCCESS if done else messages.WARNING,
        )
