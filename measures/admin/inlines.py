"""The inlines of the admin: a measure's parts, and the texts of any object in other languages.

A measure's translations, results in figures, origins and further links change
together with the measure itself: an editor changes them while the measure is
their partner's draft (or sent back for changes), a coordinator always; on a
published measure an editor sees them without changing them, since a revision
carries only the measure's own fields. English stays in the object's own
fields; each translation row adds one language.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from measures.admin.forms import URL_FIELDS, ParentScopedInlineFormSet
from measures.admin.part_translations import (
    MeasureTranslationForm,
    MeasureTranslationFormSet,
    part_fields,
)
from measures.admin.widgets import SafeAutocompleteAdminMixin
from measures.models import (
    MAX_PREREQUISITES,
    CategoryTranslation,
    Indicator,
    Lineage,
    MeasureLink,
    MeasureTranslation,
    Prerequisite,
    RegionTranslation,
    TargetGroupTranslation,
)
from measures.models.prerequisites import repeated_message, too_many_message
from measures.models.translation import TRANSLATED_SECTIONS
from measures.review import permissions, workflow


class ChangesWithMeasure:
    """Inline permissions that follow `permissions.can_edit` of the measure."""

    def _may_change(self, request, obj):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


LEFT_EMPTY = _("Left empty, visitors read the English text.")


class MeasureTranslationInline(ChangesWithMeasure, admin.StackedInline):
    model = MeasureTranslation
    form = MeasureTranslationForm
    formset = MeasureTranslationFormSet
    extra = 0
    fields = ["language", "title", "summary", "description", *TRANSLATED_SECTIONS]
    verbose_name = _("text in another language")
    verbose_name_plural = _("texts in other languages")

    def get_formset(self, request, obj=None, **kwargs):
        # The model's fields only: the results' and links' fields are added per form.
        return super().get_formset(request, obj, fields=self.fields, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": self.fields})]
        parts = [name for name, *_rest in part_fields(obj)]
        if parts and self._may_change(request, obj):
            fieldsets.append(
                (
                    _("Results in figures and further links"),
                    {"fields": parts, "description": LEFT_EMPTY},
                )
            )
        return fieldsets


class IndicatorInline(ChangesWithMeasure, admin.StackedInline):
    # Stacked, not tabular: a tabular inline names its inputs only by the column
    # headings, which screen readers do not announce with each field.
    model = Indicator
    extra = 1
    fieldsets = [
        (None, {"fields": [("name", "unit")]}),
        (None, {"fields": [("baseline", "target", "achieved", "achieved_qualifier")]}),
        (None, {"fields": [("achieved_on", "achieved_on_precision", "position")]}),
    ]


class LineageInline(ChangesWithMeasure, SafeAutocompleteAdminMixin, admin.StackedInline):
    model = Lineage
    fk_name = "measure"
    extra = 0
    formfield_overrides = URL_FIELDS
    autocomplete_fields = ["origin"]
    fieldsets = [
        (None, {"fields": ["kind", "origin"]}),
        (None, {"fields": ["origin_name", ("origin_place", "origin_url")]}),
        (None, {"fields": ["changes", "outcome"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "origin":
            kwargs["queryset"] = permissions.origin_choices(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "origin" and field is not None:
            # The origin is another measure: it is named here, never added, changed or
            # deleted from this form.
            field.widget.can_add_related = False
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
        return field


def origin_search_queryset(request, queryset):
    """The measures the origin's search box offers; `queryset` for every other search.

    The measure list shows a person only the measures they may see; as the origin
    of a lineage they may also name any published one, which every visitor sees anyway.
    """
    match = request.resolver_match
    if (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("model_name") == Lineage._meta.model_name
        and request.GET.get("field_name") == "origin"
    ):
        return permissions.origin_choices(request.user).select_related("region")
    return queryset


class PrerequisitesFormSet(ParentScopedInlineFormSet):
    """A measure's prerequisites, changed directly: at most MAX_PREREQUISITES of them.

    A new row starts at the position after the last one, so that a prerequisite typed
    into an empty row goes last, as it is seen. A form with more rows than a measure
    may have is refused with a message (the admin passes validate_max); every stored
    row is shown, even beyond the limit, so that none is lost unseen.
    """

    default_error_messages = {
        "too_many_forms": _(
            "A measure has at most %(num)d prerequisites. Delete some before you save."
        ),
    }

    @property
    def next_position(self):
        return max((row.position for row in self.get_queryset()), default=-1) + 1

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is None or index >= self.initial_form_count():
            kwargs["initial"] = {"position": self.next_position}
        return kwargs


class RevisedPrerequisitesFormSet(PrerequisitesFormSet):
    """The prerequisites of a published measure as an editor proposes to change them.

    Nothing is saved on the measure: each row starts from the published list, or
    from the editor's pending revision, and `proposed()` gives the whole list for
    the revision (`measures.admin.saving`). The list is checked as a whole, as the
    coordinator's approval will store it: each condition once, at most
    MAX_PREREQUISITES.
    """

    rows = []

    def __init__(self, *args, **kwargs):
        kwargs["queryset"] = Prerequisite.objects.none()
        kwargs["initial"] = [{**row, "position": n} for n, row in enumerate(self.rows)]
        super().__init__(*args, **kwargs)

    @property
    def next_position(self):
        return len(self.rows)

    def total_form_count(self):
        if self.is_bound:
            return super().total_form_count()
        # Every row of the list, even beyond the limit, and an empty one while there is room.
        return len(self.rows) + (1 if len(self.rows) < MAX_PREREQUISITES else 0)

    def clean(self):
        # The rows replace the published list whole: they are checked against each
        # other (Django's own check, then the list's), not against the rows stored now.
        BaseInlineFormSet.clean(self)
        kept = self._kept()
        first_form = {}
        for form, values in kept:
            condition = values["condition"]
            if condition not in first_form:
                first_form[condition] = form
                continue
            # The message goes beside the row the editor typed, when one of the two is.
            earlier = first_form[condition]
            target = earlier if earlier.has_changed() and not form.has_changed() else form
            target.add_error("condition", repeated_message(condition))
        if len(kept) > MAX_PREREQUISITES:
            raise ValidationError(too_many_message(len(kept)), code="too_many_forms")

    def _kept(self):
        """(form, values) of each row the editor left with a condition, in the form's order."""
        kept = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            values = form.cleaned_data if form.has_changed() else form.initial
            if values.get("condition"):
                kept.append((form, values))
        return kept

    def proposed(self):
        """The list the editor left: each row kept, changed or added, none deleted."""
        rows = []
        for n, (_form, values) in enumerate(self._kept()):
            position = values.get("position")
            rows.append(
                (
                    n if position is None else position,
                    n,
                    {
                        "kind": values["kind"],
                        "condition": values["condition"],
                        "reason": values.get("reason") or "",
                    },
                )
            )
        return [row for _position, _n, row in sorted(rows, key=lambda item: item[:2])]


class PrerequisiteInline(admin.StackedInline):
    """A measure's prerequisites: changed directly like its other parts, except on a
    published measure by its editors, whose changes go into their revision.

    Stacked, like IndicatorInline: each field gets its own label.
    """

    model = Prerequisite
    formset = PrerequisitesFormSet
    extra = 1
    max_num = MAX_PREREQUISITES
    fields = ["kind", "condition", "reason", "position"]

    def _may_change(self, request, obj):
        return obj is None or permissions.can_change_form(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, validate_max=True, **kwargs)
        if obj is None or not permissions.can_propose_revision(request.user, obj):
            return formset
        pending = workflow.pending_revision(obj)
        if pending is not None and workflow.PREREQUISITES in pending.data:
            rows = pending.data[workflow.PREREQUISITES]
        else:
            rows = obj.prerequisites.as_data()
        # One form per row, plus one empty form for a new prerequisite.
        return type(
            formset.__name__,
            (RevisedPrerequisitesFormSet, formset),
            {"rows": rows, "extra": len(rows) + 1},
        )


class MeasureLinkInline(ChangesWithMeasure, admin.StackedInline):
    model = MeasureLink
    formset = ParentScopedInlineFormSet
    formfield_overrides = URL_FIELDS
    extra = 1
    fields = ["title", "url", "position"]


class NameTranslationInline(admin.TabularInline):
    formset = ParentScopedInlineFormSet
    extra = 0
    verbose_name = _("name in another language")
    verbose_name_plural = _("names in other languages")


class RegionTranslationInline(NameTranslationInline):
    model = RegionTranslation
    fields = ["language", "name", "description"]


class CategoryTranslationInline(NameTranslationInline):
    model = CategoryTranslation
    fields = ["language", "name", "description"]


class TargetGroupTranslationInline(NameTranslationInline):
    model = TargetGroupTranslation
    fields = ["language", "name"]
