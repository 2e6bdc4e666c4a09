"""A measure's results in figures and its origins, edited as inlines of the measure.

Like the further links, they change together with the measure itself: an editor
changes them while the measure is their partner's draft (or sent back for
changes), a coordinator always; on a published measure an editor sees them
without changing them, since a revision carries only the measure's own fields.
"""

from django.contrib import admin
from django.db import models

from measures.admin.widgets import SafeAutocompleteAdminMixin
from measures.models import Indicator, Lineage
from measures.review import permissions

# An address typed without a scheme is taken as https://, as in the measure's form.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


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


class IndicatorInline(ChangesWithMeasure, admin.StackedInline):
    # Stacked, not tabular: a tabular inline names its inputs only by the column
    # headings, which screen readers do not announce with each field.
    model = Indicator
    extra = 1
    fieldsets = [
        (None, {"fields": [("name", "unit")]}),
        (None, {"fields": [("baseline", "target", "achieved")]}),
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


class OriginSearchMixin:
    """For MeasureAdmin: the origin's search box offers every measure one may name.

    The admin's own list shows a person only the measures they may see; as the
    origin of a lineage they may also name any published one, which every visitor
    sees anyway.
    """

    def get_search_results(self, request, queryset, search_term):
        match = request.resolver_match
        if (
            match is not None
            and match.url_name == "autocomplete"
            and request.GET.get("model_name") == Lineage._meta.model_name
            and request.GET.get("field_name") == "origin"
        ):
            queryset = permissions.origin_choices(request.user).select_related("region")
        return super().get_search_results(request, queryset, search_term)
