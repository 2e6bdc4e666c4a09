"""URLs of the admin's second sign-in step, mounted at /admin/2fa/."""

from django.urls import path

from next2met import two_factor

app_name = "two_factor"

urlpatterns = [
    path("setup/", two_factor.setup_view, name="setup"),
    path("verify/", two_factor.verify_view, name="verify"),
]
