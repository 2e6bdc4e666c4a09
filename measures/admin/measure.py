"""Measures in the admin: what the change form holds, and what each person sees of it.

What a person may see and do is decided in `measures.review.permissions`; this module
only asks. Saving is in `saving`, the review pages and bulk actions in `review`.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from measures.admin import review, saving
from measures.admin.filters import ReviewStateFilter, VerificationFilter
from measures.admin.forms import URL_FIELDS, MeasureAdminForm
from measures.admin.history import PlainWordsHistory
from measures.admin.imports import SpreadsheetsMixin
from measures.admin.inlines import (
    IndicatorInline,
    LineageInline,
    MeasureLinkInline,
    MeasureTranslationInline,
    PrerequisiteInline,
    origin_search_queryset,
)
from measures.admin.widgets import SafeAutocompleteAdminMixin
from measures.models import FUNDING_FIELDS, GOOD_PRACTICE_FIELDS, Measure
from measures.review import permissions, workflow
from partners.models import Partner

Status = Measure.Status


@admin.register(Measure)
class MeasureAdmin(SafeAutocompleteAdminMixin, SpreadsheetsMixin, SimpleHistoryAdmin):
    form = MeasureAdminForm
    formfield_overrides = URL_FIELDS
    change_form_template = "admin/measures/measure/change_form.html"
    object_history_template = "admin/measures/measure/object_history.html"
    list_display = ["title", "status_badge", "region", "partner", "waiting", "updated_at"]
    list_filter = [
        ReviewStateFilter,
        "region",
        "partner",
        "categories",
        "implementation",
        VerificationFilter,
    ]
    list_select_related = ["region", "partner"]
    search_fields = ["title", "title_local", "summary", "slug"]
    date_hierarchy = "updated_at"
    autocomplete_fields = ["region", "categories", "target_groups"]
    inlines = [
        MeasureTranslationInline,
        PrerequisiteInline,
        IndicatorInline,
        LineageInline,
        MeasureLinkInline,
    ]
    actions = review.BULK_ACTIONS
    history_list_display = ["state"]
    object_history_list_template = "admin/measures/measure/object_history_list.html"
    fieldsets = [
        (
            _("The measure"),
            {"fields": ["title", "title_local", "slug", "summary", "description"]},
        ),
        (
            _("Where and who"),
            {"fields": ["region", "partner", "main_institution", "categories", "target_groups"]},
        ),
        (_("When"), {"fields": ["start_year", "end_year", "implementation"]}),
        (
            _("Good practice"),
            {
                "description": _(
                    "The sections of the Interreg Europe good-practice template. "
                    "Leave a section empty rather than guess; the problem addressed is "
                    "needed before the measure can go to review."
                ),
                "fields": [*GOOD_PRACTICE_FIELDS, "funding", "information_note"],
            },
        ),
        (
            _("Results and resources"),
            {
                "description": _(
                    "What a visitor can filter and compare. Fill in what the sources say and "
                    "leave the rest empty; the results in figures are further down."
                ),
                "fields": [
                    ("evidence_level", "documentation_level"),
                    ("budget_band", "staff_effort", "duration_months"),
                    *FUNDING_FIELDS.values(),
                ],
            },
        ),
        (_("Links and image"), {"fields": ["website", "image", "image_alt"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    ("submitted_at", "published_at", "last_verified"),
                    ("created_at", "created_by"),
                    ("updated_at", "updated_by"),
                    "loaded_version",
                ]
            },
        ),
    ]
    ALWAYS_READ_ONLY = [
        "status",
        "submitted_at",
        "published_at",
        # Changed only by publishing and by the "still running?" confirmation.
        "last_verified",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ]

    # Scope: a person sees only what `permissions` lets them see, everywhere.

    def get_search_results(self, request, queryset, search_term):
        queryset = origin_search_queryset(request, queryset)
        return super().get_search_results(request, queryset, search_term)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("region", "partner")
        return permissions.visible_measures(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or permissions.can_view(request.user, obj))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_create(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed and permissions.can_create(request.user)
        return allowed and permissions.can_change_form(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None:
            return allowed and permissions.can_review(request.user)
        return allowed and permissions.can_delete(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.can_review(request.user):
            for name in [*(action.__name__ for action in self.actions), "delete_selected"]:
                actions.pop(name, None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.ALWAYS_READ_ONLY)
        if obj is not None and not permissions.can_review(request.user):
            fields.append("slug")
        if obj is not None and permissions.can_propose_revision(request.user, obj):
            # A published measure changes only through a revision, which leaves these out.
            fields += ["partner", "image"]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        # Only here, not in the `prepopulated_fields` attribute: simple_history's
        # old-version page reads the attribute, and a prepopulated slug that is
        # read-only for editors made that page fail.
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return {"slug": ["title"]}

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            # The version guard only means something on a form that can be saved.
            return [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "loaded_version"]})
                for name, opts in fieldsets
            ]
        return fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "partner":
            own = permissions.partner_filter(request.user, "pk")
            kwargs["queryset"] = Partner.objects.filter(own)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        own = permissions.own_partner_ids(request.user)
        if len(own) == 1 and "partner" not in initial:
            initial["partner"] = next(iter(own))
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        pending = (
            obj is not None
            and permissions.can_propose_revision(request.user, obj)
            and workflow.pending_revision(obj)
        )
        if pending:
            return type(form.__name__, (form,), {"revision_initial": pending.data})
        return form

    # Saving: one save per change, or a revision of a published measure (see `saving`).

    def save_model(self, request, obj, form, change):
        """Nothing yet: `save_related` saves the measure with its relations, at once."""

    def save_related(self, request, form, formsets, change):
        saving.save(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if saving.proposes_revision(request.user, form.instance):
            return saving.revision_change_message()
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if saving.proposes_revision(request.user, obj):
            return saving.revision_response(request, obj)
        return super().response_change(request, obj)

    # The change page, the review pages and the history

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(review.change_page_context(request.user, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return review.urls(self) + super().get_urls()

    def history_view(self, request, object_id, extra_context=None):
        get_object_or_404(self.get_queryset(request), pk=object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        get_object_or_404(self.get_queryset(request), pk=object_id)
        if request.method == "POST":
            # simple_history saves a posted old version without asking for change
            # permission, and writes its old state too: no transition, no revision,
            # no review. Old versions are for reading and comparing only.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return PlainWordsHistory(self.model, historical_record)

    def state(self, record):
        """The history page's column: a version's state by its label, not its code."""
        return record.get_status_display()

    # Columns

    @admin.display(description=_("state"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="state-badge state-badge--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    @admin.display(description=_("waiting"), ordering="submitted_at")
    def waiting(self, obj):
        if obj.status != Status.SUBMITTED or obj.submitted_at is None:
            return "–"
        return timesince(obj.submitted_at)
