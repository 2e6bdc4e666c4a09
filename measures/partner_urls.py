"""Public URLs of the partner pages, under /<language>/partners/ in the "partners" namespace."""

from django.urls import path

from measures.catalogue import partners

app_name = "partners"

urlpatterns = [
    path("", partners.PartnerListView.as_view(), name="list"),
    path("<slug:slug>/", partners.PartnerDetailView.as_view(), name="detail"),
]
