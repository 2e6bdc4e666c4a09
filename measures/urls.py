"""Public URLs of the catalogue: measures, regions and themes, the contact relay, the dossier,
e-mail alerts."""

from django.urls import path

from measures.catalogue import compare, fit, statistics, views
from measures.catalogue.transfers import transfers
from measures.exchange import embed, exports, feeds
from measures.visitors import comparison, contact, dossier, explorations
from measures.visitors.alerts import views as alerts

app_name = "measures"

urlpatterns = [
    path("measures/", views.MeasureListView.as_view(), name="list"),
    path("measures/feed/", feeds.MeasureFeed(), name="feed"),
    path("measures/changes/feed/", feeds.RecentChangesFeed(), name="changes_feed"),
    path("measures/export.csv", exports.export_csv, name="export_csv"),
    path("measures/export.json", exports.export_json, name="export_json"),
    path("measures/<slug:slug>/", views.MeasureDetailView.as_view(), name="detail"),
    path("measures/<slug:slug>/fit/", fit.fit_check, name="fit_check"),
    path("measures/<slug:slug>/embed/", embed.embed, name="embed"),
    path(
        "measures/<slug:slug>/changes/feed/",
        feeds.MeasureChangesFeed(),
        name="measure_changes_feed",
    ),
    path("measures/<slug:slug>/explore/", explorations.explore, name="explore"),
    path("measures/<slug:slug>/explore/sent/", explorations.explore_sent, name="explore_sent"),
    path(
        "explorations/confirm/<str:token>/",
        explorations.confirm,
        name="exploration_confirm",
    ),
    path(
        "explorations/withdraw/<str:key>/",
        explorations.withdraw,
        name="exploration_withdraw",
    ),
    path("measures/<slug:slug>/contact/", contact.contact, name="contact"),
    path("measures/<slug:slug>/contact/sent/", contact.contact_sent, name="contact_sent"),
    path("dossier/", dossier.dossier, name="dossier"),
    path("dossier/add/", dossier.add, name="dossier_add"),
    path("dossier/remove/", dossier.remove, name="dossier_remove"),
    path("dossier/empty/", dossier.empty, name="dossier_empty"),
    path("dossier/print/", dossier.print_view, name="dossier_print"),
    path("dossier/dossier.pdf", dossier.pdf, name="dossier_pdf"),
    path("alerts/subscribe/", alerts.subscribe, name="alert_subscribe"),
    path("alerts/subscribe/sent/", alerts.subscribe_sent, name="alert_subscribe_sent"),
    path("alerts/confirm/<str:token>/", alerts.confirm, name="alert_confirm"),
    path("alerts/manage/<str:key>/", alerts.manage, name="alert_manage"),
    path("alerts/unsubscribe/<str:key>/", alerts.unsubscribe, name="alert_unsubscribe"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("compare/", compare.compare, name="compare"),
    path("compare/choose/", comparison.choose, name="compare_choose"),
    path("compare/chosen.json", comparison.chosen, name="compare_chosen"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("transfers/", transfers, name="transfers"),
]
