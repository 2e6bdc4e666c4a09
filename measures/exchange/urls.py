"""URLs of the read-only JSON API, served at /api/ outside the language prefix."""

from django.urls import path

from measures.exchange import api

app_name = "api"

urlpatterns = [
    path("measures/", api.measure_list, name="measure_list"),
    path("measures/<slug:slug>/", api.measure_detail, name="measure_detail"),
    path("regions/", api.region_list, name="region_list"),
    path("regions/<slug:slug>/", api.region_detail, name="region_detail"),
    path("themes/", api.theme_list, name="theme_list"),
    path("partners/", api.partner_list, name="partner_list"),
]
