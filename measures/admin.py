"""The catalogue in the Django admin: regions, themes, target groups and measures."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from measures.models import Category, Measure, MeasureLink, Region, TargetGroup


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "nuts_code", "partner", "nearby_metropolises"]
    list_filter = ["country"]
    list_select_related = ["partner"]
    search_fields = ["name", "name_local", "nuts_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partner"]
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


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "slug"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MeasureLinkInline(admin.TabularInline):
    model = MeasureLink
    extra = 1
    fields = ["title", "url", "position"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "partner", "status", "start_year", "updated_at"]
    list_filter = ["status", "region", "partner", "categories", "implementation"]
    list_select_related = ["region", "partner"]
    search_fields = ["title", "title_local", "summary", "slug"]
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["region", "partner", "categories", "target_groups"]
    readonly_fields = ["published_at", "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [MeasureLinkInline]
    fieldsets = [
        (
            _("The measure"),
            {"fields": ["title", "title_local", "slug", "summary", "description"]},
        ),
        (
            _("Where and who"),
            {"fields": ["region", "partner", "main_institution", "categories", "target_groups"]},
        ),
        (
            _("When"),
            {"fields": ["start_year", "end_year", "implementation"]},
        ),
        (
            _("Good practice"),
            {
                "description": _(
                    "The sections of the Interreg Europe good-practice template. "
                    "Leave a section empty rather than guess."
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
        (_("Links and image"), {"fields": ["website", "image", "image_alt"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    ("created_at", "created_by"),
                    ("updated_at", "updated_by"),
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
