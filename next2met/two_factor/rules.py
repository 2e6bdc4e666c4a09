"""Who must pass the second step, who has an authenticator app, and which paths stay open."""

from django.conf import settings
from django.urls import reverse
from django_otp import devices_for_user

from measures.review import permissions

DEVICE_NAME = "Authenticator app"


def is_required(user):
    """Whether the user may not use the admin without a second step."""
    return settings.N2M_REQUIRE_2FA_FOR_COORDINATORS and permissions.is_coordinator(user)


def has_device(user):
    """Whether the user has confirmed an authenticator app; asked once per request."""
    if not hasattr(user, "_n2m_has_device"):
        user._n2m_has_device = next(devices_for_user(user, confirmed=True), None) is not None
    return user._n2m_has_device


def exempt_paths():
    """Admin pages that open before the second step: the step itself, and signing out."""
    return (reverse("two_factor:setup"), reverse("two_factor:verify"), reverse("admin:logout"))
