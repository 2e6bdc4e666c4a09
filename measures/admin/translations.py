"""The texts of measures, regions, themes and target groups in other languages, as admin inlines.

English stays in the object's own fields; each inline row adds one language.
A measure's translations follow the same rule as its links: they change with
the measure itself, so on a published measure only a coordinator edits them
(an editor proposes changes to the English text through a revision).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from measures.admin.forms import ParentScopedInlineFormSet
from measures.models import (
    CategoryTranslation,
    MeasureTranslation,
    RegionTranslation,
    TargetGroupTranslation,
)
from measures.review import permissions


class MeasureTranslationInline(admin.StackedInline):
    model = MeasureTranslation
    formset = ParentScopedInlineFormSet
    extra = 0
    fields = ["language", "title", "summary", "description"]
    verbose_name = _("text in another language")
    verbose_name_plural = _("texts in other languages")

    def _may_change(self, request, obj):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


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
