"""URLs of the admin's second sign-in step, mounted at /admin/2fa/."""

from django.urls import path

from next2met.two_factor import views

app_name = "two_factor"

urlpatterns = [
    path("setup/", views.setup_view, name="setup"),
    path("verify/", views.verify_view, name="verify"),
]
