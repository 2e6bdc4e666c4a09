"""Regions, themes and target groups in the admin: reference data coordinators keep."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from measures.admin.inlines import (
    CategoryTranslationInline,
    RegionTranslationInline,
    TargetGroupTranslationInline,
)
from measures.models import Category, Region, TargetGroup


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "nuts_code", "partner", "nearby_metropolises"]
    list_filter = ["country"]
    list_select_related = ["partner"]
    search_fields = ["name", "name_local", "nuts_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partner"]
    inlines = [RegionTranslationInline]
    fieldsets = [
        (None, {"fields": ["name", "name_local", "slug", "country", "nuts_code", "partner"]}),
        (_("Profile"), {"fields": ["nearby_metropolises", "description"]}),
        (
            _("Figures and location"),
            {"fields": ["population", "population_year", "latitude", "longitude"]},
        ),
    ]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "slug"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CategoryTranslationInline]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "slug"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TargetGroupTranslationInline]
