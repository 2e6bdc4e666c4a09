"""Remove a person's authenticator apps, e.g. after they lost their phone.

    manage.py two_factor_reset anna

At the next sign-in the person sets up a new app at /admin/2fa/setup/ (a
coordinator must, while N2M_REQUIRE_2FA_FOR_COORDINATORS is on). Sessions that
already passed the second step are signed out, so a stolen phone's session ends.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a person's authenticator apps so they can set up a new one."

    def add_arguments(self, parser):
        parser.add_argument("username")

    @transaction.atomic
    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        ended = 0
        for session in Session.objects.iterator():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                session.delete()
                ended += 1
        self.stdout.write(
            f"Removed {removed} authenticator app(s) of {username} and ended {ended} session(s). "
            "They set up a new app at their next sign-in, at /admin/2fa/setup/."
        )
