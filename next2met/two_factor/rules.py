"""Who must pass the second step, who has an authenticator app, and which paths stay open."""

from django.conf import settings
from django.urls import reverse

from measures.review import permissions

DEVICE_NAME = "Authenticator app"


def is_required(user):
    """Whether the user may not use the admin without a second step."""
    return settings.N2M_REQUIRE_2FA_FOR_COORDINATORS and permissions.is_coordinator(user)


def has_device(user):
    """Whether the user has confirmed an authenticator app; asked once per request."""
    return permissions.has_authenticator(user)


def is_pending(user):
    """Whether a staff member signed in with a password still owes the second step.

    The same rule (review.permissions) keeps unpublished measures' previews closed.
    """
    return user.is_authenticated and user.is_staff and not permissions.is_fully_signed_in(user)


def exempt_paths():
    """Admin pages that open before the second step: the step itself, and signing out."""
    return (reverse("two_factor:setup"), reverse("two_factor:verify"), reverse("admin:logout"))
