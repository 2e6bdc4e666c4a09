"""Public URLs of the catalogue: measures, regions and themes."""

from django.urls import path

from measures import compare, exports, feeds, statistics, views

app_name = "measures"

urlpatterns = [
    path("measures/", views.MeasureListView.as_view(), name="list"),
    path("measures/feed/", feeds.MeasureFeed(), name="feed"),
    path("measures/export.csv", exports.export_csv, name="export_csv"),
    path("measures/export.json", exports.export_json, name="export_json"),
    path("measures/<slug:slug>/", views.MeasureDetailView.as_view(), name="detail"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("compare/", compare.compare, name="compare"),
    path("statistics/", statistics.statistics, name="statistics"),
]
