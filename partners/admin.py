"""Partner organisations and memberships in the Django admin."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Membership, Partner, PartnerTranslation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class PartnerTranslationInline(admin.TabularInline):
    model = PartnerTranslation
    extra = 0
    fields = ["language", "name", "description"]
    verbose_name = _("name and description in another language")
    verbose_name_plural = _("names and descriptions in other languages")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    # An address typed without a scheme is taken as https://, as Django 6 will do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "short_name", "country", "city", "role", "is_active"]
    list_filter = ["role", "country", "is_active"]
    search_fields = ["name", "name_local", "short_name", "city"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [PartnerTranslationInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "role", "created_at"]
    list_filter = ["role", "partner"]
    list_select_related = ["user", "partner"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]
