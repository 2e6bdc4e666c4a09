"""URLs of the read-only JSON API, served at /api/ outside the language prefix, and of the
catalogue's machine-readable descriptions beside it (OpenAPI, DCAT-AP, oEmbed)."""

from django.urls import path

from measures.exchange import api, dcat, embed, openapi

app_name = "api"

urlpatterns = [
    path("", api.root, name="root"),
    path("openapi.json", openapi.openapi_json, name="openapi"),
    path("catalogue", dcat.catalogue, name="dcat"),
    path("catalogue.ttl", dcat.catalogue_turtle, name="dcat_turtle"),
    path("catalogue.jsonld", dcat.catalogue_json_ld, name="dcat_json_ld"),
    path("oembed/", embed.oembed, name="oembed"),
    path("measures/", api.measure_list, name="measure_list"),
    path("measures/<slug:slug>/", api.measure_detail, name="measure_detail"),
    path("regions/", api.region_list, name="region_list"),
    path("regions/<slug:slug>/", api.region_detail, name="region_detail"),
    path("themes/", api.theme_list, name="theme_list"),
    path("partners/", api.partner_list, name="partner_list"),
]
