"""Measures in the admin: scoped to the person's partners, with the review workflow.

What a person may see and do is decided in `measures.review.permissions`; this module
only asks. Moves between states go through `measures.review.workflow`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin

from measures.admin.forms import (
    SUBMIT_BUTTON,
    MeasureAdminForm,
    MeasureConfirmImportForm,
    MeasureImportForm,
    ParentScopedInlineFormSet,
    ReasonForm,
    posted_comment,
)
from measures.admin.freshness import FreshnessAdminMixin
from measures.admin.imports import refuse_unreadable_import
from measures.admin.spreadsheets import MeasureResource
from measures.admin.transfer import IndicatorInline, LineageInline, OriginSearchMixin
from measures.admin.translations import MeasureTranslationInline
from measures.admin.widgets import use_safe_autocomplete
from measures.models import Measure, MeasureLink, MeasureRevision
from measures.review import permissions, workflow
from partners.models import Partner

Status = Measure.Status


# An address typed without a scheme is taken as https://, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class MeasureLinkInline(admin.StackedInline):
    model = MeasureLink
    formset = ParentScopedInlineFormSet
    formfield_overrides = URL_FIELDS
    extra = 1
    fields = ["title", "url", "position"]

    def _may_change(self, request, obj):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


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


@admin.register(Measure)
class MeasureAdmin(FreshnessAdminMixin, OriginSearchMixin, ImportExportMixin, SimpleHistoryAdmin):
    form = MeasureAdminForm
    formfield_overrides = URL_FIELDS
    change_form_template = "admin/measures/measure/change_form.html"
    object_history_template = "admin/measures/measure/object_history.html"
    list_display = ["title", "status_badge", "region", "partner", "waiting", "updated_at"]
    list_filter = [ReviewStateFilter, "region", "partner", "categories", "implementation"]
    list_select_related = ["region", "partner"]
    search_fields = ["title", "title_local", "summary", "slug"]
    date_hierarchy = "updated_at"
    autocomplete_fields = ["region", "categories", "target_groups"]
    inlines = [MeasureTranslationInline, IndicatorInline, LineageInline, MeasureLinkInline]
    actions = ["publish_selected", "request_changes_selected", "archive_selected"]
    history_list_display = ["status"]
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
                "fields": [
                    "problem",
                    "resources",
                    "evidence",
                    "difficulties",
                    "transfer_potential",
                    "funding",
                ],
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
                    "evidence_level",
                    ("budget_band", "staff_effort", "duration_months"),
                    "funding_erdf",
                    "funding_other_eu",
                    "funding_national",
                    "funding_regional",
                    "funding_own_budget",
                    "funding_private",
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

    # Spreadsheets: import for one's own partner, export what one may see.
    resource_classes = [MeasureResource]
    import_form_class = MeasureImportForm
    confirm_form_class = MeasureConfirmImportForm
    # Every column, always: an export is meant to come back as an import.
    export_form_class = ExportForm
    formats = [CSV, XLSX]

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_form_kwargs(self, request):
        return {**super().get_import_form_kwargs(request), "user": request.user}

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["partner"] = import_form.cleaned_data["partner"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        partner = form.cleaned_data["partner"] if form is not None and form.is_valid() else None
        return {"partner": partner, "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def process_import(self, request, **kwargs):
        refused = refuse_unreadable_import(self, request)
        return refused or super().process_import(request, **kwargs)

    # Scope: a person sees only what `permissions` lets them see, everywhere.

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
            for name in [*self.actions, "delete_selected"]:
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
        use_safe_autocomplete(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        use_safe_autocomplete(self, db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        own = permissions.role_of(request.user).partner_ids
        if len(own) == 1 and "partner" not in initial:
            initial["partner"] = next(iter(own))
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        revision_initial = None
        if obj is not None and permissions.can_propose_revision(request.user, obj):
            pending = workflow.pending_revision(obj)
            revision_initial = pending.data if pending else None
        return type(
            form.__name__,
            (form,),
            {
                "submitting": SUBMIT_BUTTON in request.POST,
                "revision_initial": revision_initial,
            },
        )

    # Saving: a new version, one history record, or a revision of a published measure.

    def save_model(self, request, obj, form, change):
        if change and permissions.can_propose_revision(request.user, obj):
            request.measure_revision = workflow.propose_revision(
                obj, form.cleaned_data, request.user
            )
            request.measure_revision_mode = True
            return
        if not change:
            obj.created_by = request.user
        else:
            obj.version = F("version") + 1
        obj.updated_by = request.user
        # The m2m fields change after this save; the history record waits for them.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "measure_revision_mode", False):
            return
        super().save_related(request, form, formsets, change)
        obj = form.instance
        del obj.skip_history_when_saving
        obj._history_user = request.user
        obj.save(update_fields=["updated_at"])
        obj.refresh_from_db()
        if SUBMIT_BUTTON in request.POST and obj.status != Status.SUBMITTED:
            try:
                workflow.transition(obj, Status.SUBMITTED, request.user, request=request)
            except (PermissionDenied, ValidationError, workflow.WorkflowError) as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("Sent to review. A coordinator will look at it."))

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "measure_revision_mode", False):
            # Nothing on the measure changed; the admin log notes the proposal instead.
            return [{"changed": {"fields": [str(_("proposed changes for review"))]}}]
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if getattr(request, "measure_revision_mode", False):
            if request.measure_revision is None:
                self.message_user(request, _("Nothing was changed."), messages.INFO)
            else:
                self.message_user(
                    request,
                    _(
                        "Your changes are waiting for a coordinator's approval. "
                        "The published text stays online until then."
                    ),
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # The change page: workflow panel, pending revision and timeline.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context["can_submit_for_review"] = (obj is None and permissions.can_create(user)) or (
            obj is not None and permissions.can_transition(user, obj, Status.SUBMITTED)
        )
        if obj is not None:
            pending = workflow.pending_revision(obj)
            context.update(
                {
                    "workflow_moves": [
                        (status, status.label)
                        for status in permissions.allowed_transitions(user, obj)
                        if status != Status.SUBMITTED
                    ],
                    "can_submit_now": permissions.can_transition(user, obj, Status.SUBMITTED),
                    "pending_revision": pending,
                    "pending_diff": workflow.revision_diff(pending) if pending else [],
                    "can_review": permissions.can_review(user),
                    "timeline": obj.transitions.select_related("user")[:50],
                    "preview_url": obj.get_absolute_url(),
                    "is_revision_mode": permissions.can_propose_revision(user, obj),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        own = [
            path(
                "review-queue/",
                self.admin_site.admin_view(self.review_queue_view),
                name="measures_measure_review_queue",
            ),
            path(
                "<path:object_id>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name="measures_measure_transition",
            ),
            path(
                "<path:object_id>/revision/",
                self.admin_site.admin_view(self.revision_view),
                name="measures_measure_revision",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="measures_measure_compare",
            ),
        ]
        return own + super().get_urls()

    def _visible_or_404(self, request, object_id):
        return get_object_or_404(self.get_queryset(request), pk=object_id)

    def history_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._visible_or_404(request, object_id)
        if request.method == "POST":
            # simple_history saves a posted old version without asking for change
            # permission, and writes its old state too: no transition, no revision,
            # no review. Old versions are for reading and comparing only.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def transition_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:measures_measure_change", args=[object_id]))
        measure = self._visible_or_404(request, object_id)
        to_status = request.POST.get("to_status", "")
        if to_status not in Status.values:
            raise Http404
        try:
            comment = posted_comment(request)
            workflow.transition(measure, to_status, request.user, comment, request=request)
        except (PermissionDenied, ValidationError, workflow.WorkflowError) as error:
            self.message_user(request, _error_text(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("“%(title)s” is now %(status)s.")
                % {"title": measure.title, "status": measure.get_status_display()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:measures_measure_change", args=[measure.pk]))

    def revision_view(self, request, object_id):
        measure = self._visible_or_404(request, object_id)
        change_url = reverse("admin:measures_measure_change", args=[measure.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        revision = workflow.pending_revision(measure)
        if revision is None:
            self.message_user(request, _("There are no pending changes."), messages.WARNING)
            return HttpResponseRedirect(change_url)
        try:
            comment = posted_comment(request)
            if "approve" in request.POST:
                workflow.approve_revision(revision, request.user, comment)
                self.message_user(request, _("The changes are published."), messages.SUCCESS)
            else:
                workflow.reject_revision(revision, request.user, comment)
                self.message_user(request, _("The changes were rejected."), messages.SUCCESS)
        except (PermissionDenied, ValidationError, workflow.WorkflowError) as error:
            self.message_user(request, _error_text(error), messages.ERROR)
        return HttpResponseRedirect(change_url)

    def compare_view(self, request, object_id):
        measure = self._visible_or_404(request, object_id)
        records = measure.history.select_related("history_user")
        try:
            old = records.get(history_id=request.GET.get("old"))
            new = records.get(history_id=request.GET.get("new"))
        except (measure.history.model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        if old.history_date > new.history_date:
            old, new = new, old
        delta = new.diff_against(old, foreign_keys_are_objs=True)
        rows = []
        for change in delta.changes:
            field = Measure._meta.get_field(change.field)
            rows.append((field.verbose_name, _show(field, change.old), _show(field, change.new)))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Compare versions of “%(title)s”") % {"title": measure.title},
            "measure": measure,
            "old": old,
            "new": new,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/measures/measure/compare.html", context)

    def review_queue_view(self, request):
        if not permissions.can_review(request.user):
            raise PermissionDenied
        submitted = (
            self.get_queryset(request)
            .filter(status=Status.SUBMITTED)
            .order_by(F("submitted_at").asc(nulls_first=True), "pk")
        )
        revisions = (
            MeasureRevision.objects.filter(status=MeasureRevision.Status.PENDING)
            .select_related("measure", "measure__partner", "created_by")
            .order_by("created_at")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review queue"),
            "submitted": submitted,
            "revisions": revisions,
            "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/measures/measure/review_queue.html", context)

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

    # Bulk actions (coordinators only; see get_actions)

    def _bulk_transition(self, request, queryset, to_status, comment=""):
        moved, skipped = 0, []
        for measure in queryset:
            try:
                workflow.transition(measure, to_status, request.user, comment, request=request)
            except (PermissionDenied, ValidationError, workflow.WorkflowError):
                skipped.append(measure.title)
            else:
                moved += 1
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d measure is now %(status)s.",
                    "%(count)d measures are now %(status)s.",
                    moved,
                )
                % {"count": moved, "status": Status(to_status).label},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                _("Left unchanged because their state does not allow it: %(titles)s")
                % {"titles": "; ".join(skipped)},
                messages.WARNING,
            )

    @admin.action(description=_("Publish the selected measures"))
    def publish_selected(self, request, queryset):
        self._bulk_transition(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Archive the selected measures"))
    def archive_selected(self, request, queryset):
        self._bulk_transition(request, queryset, Status.ARCHIVED)

    @admin.action(description=_("Request changes to the selected measures"))
    def request_changes_selected(self, request, queryset):
        form = ReasonForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._bulk_transition(
                request, queryset, Status.CHANGES_REQUESTED, form.cleaned_data["reason"]
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Request changes"),
            "form": form,
            "measures": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/measures/measure/request_changes.html", context)


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _show(field, value):
    if field.many_to_many:
        return ", ".join(sorted(str(item) for item in value))
    if value in (None, ""):
        return ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return str(value)
