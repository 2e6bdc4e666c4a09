"""The sign-in lockout (django-axes), per username and address and per address alone.

django-axes locks a username from one address out after AXES_FAILURE_LIMIT
failed sign-ins. Trying many usernames from one address would never reach that
limit, so the address is counted as well, against a limit of its own
(N2M_ADDRESS_FAILURE_LIMIT): higher, because colleagues behind one office
address mistype passwords too. django-axes compares every combination it locks
on with the one AXES_FAILURE_LIMIT, so the address's count is added here, in its
database handler (settings.AXES_HANDLER), rather than as a second combination.

An address over its limit is locked out for AXES_COOLOFF_TIME like a username,
whatever username it tries next; the lockout page then speaks of the network
rather than of the account. `manage.py axes_reset` lifts both.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failures(request):
    """Failed sign-ins from the request's address, with any username, within the cool-off."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLimitedHandler(AxesDatabaseHandler):
    """django-axes's database handler, which also locks an address out on its own count."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        limit = settings.N2M_ADDRESS_FAILURE_LIMIT
        if limit and address_failures(request) >= limit:
            # For the lockout page (templates/lockout.html): it is the network that waits.
            request.n2m_address_failure_limit = limit
            return max(failures, get_failure_limit(request, credentials))
        return failures
