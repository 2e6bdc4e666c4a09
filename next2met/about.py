"""The pages that say who stands behind the catalogue: about, legal notice, privacy notice.

The project's facts (programme, fund, period, budget) are constants here, from the
project's public pages; the partners come from the database. The operator's legal
details come from settings (N2M_OPERATOR_*), shown as a marked placeholder until
they are set. The privacy notice states the retention times the code and settings
really use, read from the same constants, so the text cannot drift from them.
"""

from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from measures.content_language import prefetch_translations
from measures.review.exploration_retention import CONFIRMATION_DAYS, DECLINED_KEEP_DAYS
from measures.visitors.alerts.links import CONFIRMATION_MAX_AGE
from measures.visitors.comparison import MAX_CHOSEN as COMPARISON_MAX_MEASURES
from measures.visitors.contact import MAX_SECONDS as CONTACT_TOKEN_SECONDS
from measures.visitors.dossier import MAX_MEASURES as DOSSIER_MAX_MEASURES
from measures.visitors.spam import RATE_WINDOW_SECONDS
from partners.models import Partner

PROJECT_START = date(2019, 8, 1)
PROJECT_END = date(2023, 7, 31)
# The end of phase 1 (the exchange of experience); phase 2 followed it.
PHASE_ONE_END = date(2022, 1, 31)
PROJECT_BUDGET_EUR = 1_360_000
PROJECT_WEBSITE = "https://projects2014-2020.interregeurope.eu/next2met/"
PROGRAMME_WEBSITE = "https://www.interregeurope.eu/"
FINAL_EVENT = date(2023, 6, 14)
# The software's own licence (pyproject.toml), apart from the content's.
SOFTWARE_LICENSE = "EUPL-1.2"

DAY = 24 * 60 * 60
# The lead partner first, then the partners, then advisory partners.
ROLE_ORDER = {Partner.Role.LEAD: 0, Partner.Role.PARTNER: 1, Partner.Role.ADVISORY: 2}


def operator():
    """The operator's details from settings; empty ones stay empty for the placeholder."""
    address = settings.N2M_OPERATOR_ADDRESS.replace("\\n", ";").replace("\n", ";")
    return {
        "name": settings.N2M_OPERATOR_NAME.strip(),
        "address_lines": [line.strip() for line in address.split(";") if line.strip()],
        "email": settings.N2M_OPERATOR_EMAIL.strip(),
        "representative": settings.N2M_OPERATOR_REPRESENTATIVE.strip(),
        "privacy_email": (settings.N2M_PRIVACY_EMAIL or settings.N2M_OPERATOR_EMAIL).strip(),
    }


@require_safe
def about(request):
    context = {
        "partners": sorted(
            Partner.objects.prefetch_related(*prefetch_translations(Partner)),
            key=lambda partner: (
                not partner.is_active,
                ROLE_ORDER.get(partner.role, 9),
                partner.name,
            ),
        ),
        "start": PROJECT_START,
        "end": PROJECT_END,
        "phase_one_end": PHASE_ONE_END,
        "budget": PROJECT_BUDGET_EUR,
        "final_event": FINAL_EVENT,
        "project_website": PROJECT_WEBSITE,
        "programme_website": PROGRAMME_WEBSITE,
    }
    return render(request, "about/about.html", context)


@require_safe
def legal_notice(request):
    context = {"operator": operator(), "software_license": SOFTWARE_LICENSE}
    return render(request, "about/legal_notice.html", context)


@require_safe
def privacy_notice(request):
    context = {
        "operator": operator(),
        "session_days": settings.SESSION_COOKIE_AGE // DAY,
        "dossier_max": DOSSIER_MAX_MEASURES,
        "compare_max": COMPARISON_MAX_MEASURES,
        "mail_keep_days": settings.N2M_MAIL_KEEP_SENT_DAYS,
        "contact_token_hours": CONTACT_TOKEN_SECONDS // (60 * 60),
        "rate_window_minutes": RATE_WINDOW_SECONDS // 60,
        "alert_confirm_days": CONFIRMATION_MAX_AGE.days,
        "exploration_confirm_days": CONFIRMATION_DAYS,
        "exploration_declined_days": DECLINED_KEEP_DAYS,
        "csrf_cookie_days": settings.CSRF_COOKIE_AGE // DAY,
        "error_reports": bool(settings.SENTRY_DSN),
    }
    return render(request, "about/privacy_notice.html", context)
