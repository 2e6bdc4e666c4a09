"""The accessibility statement that EU public-sector websites publish (Directive (EU) 2016/2102).

Its structure follows the Commission's model statement (Implementing Decision
(EU) 2018/1523): the compliance status; the content that is not accessible,
grouped by reason (non-compliance, disproportionate burden, outside the scope of
the law); how and when the statement was prepared; how to report a problem; and
the enforcement procedure, with the enforcement body of each partner country.
The contact address comes from the setting N2M_ACCESSIBILITY_EMAIL.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

# When the statement was prepared and last reviewed; update both on each review, and
# check the enforcement bodies below then: countries reorganise them.
PREPARED = date(2026, 11, 24)
REVIEWED = date(2026, 12, 3)
# The European Commission's page on the Web Accessibility Directive, which links
# to the monitoring and enforcement bodies of the member states.
EU_DIRECTIVE_PAGE = "https://digital-strategy.ec.europa.eu/en/policies/web-accessibility"


@dataclass(frozen=True)
class EnforcementBody:
    country: Promise
    name: str
    # The language the body's own name is written in, for screen readers.
    lang: str
    role: Promise
    url: str


# The partner countries, in the order of the partnership's regions on the home page.
ENFORCEMENT_BODIES = [
    EnforcementBody(
        _("Finland"),
        "Liikenne- ja viestintävirasto Traficom",
        "fi",
        _(
            "The Finnish Transport and Communications Agency supervises the accessibility "
            "of digital services under the Act on the Provision of Digital Services; it took "
            "the task over from the Regional State Administrative Agency for Southern Finland."
        ),
        "https://www.saavutettavuusvaatimukset.fi/",
    ),
    EnforcementBody(
        _("Austria"),
        "Österreichische Forschungsförderungsgesellschaft (FFG)",
        "de",
        _(
            "The complaints office under the Web Accessibility Act (Web-Zugänglichkeits-Gesetz) "
            "for federal bodies; each federal state names its own office for its bodies."
        ),
        "https://www.ffg.at/",
    ),
    EnforcementBody(
        _("Germany"),
        "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz",
        "de",
        _(
            "The conciliation body under the Disability Equality Act for federal bodies; each "
            "federal state has its own body for the bodies of the state."
        ),
        "https://www.schlichtungsstelle-bgg.de/",
    ),
    EnforcementBody(
        _("Spain"),
        "Unidad responsable de accesibilidad",
        "es",
        _(
            "A complaint under Royal Decree 1112/2018 is decided by the accessibility unit of "
            "the administration concerned; the Web Accessibility Observatory monitors it."
        ),
        "https://administracionelectronica.gob.es/",
    ),
    EnforcementBody(
        _("Ireland"),
        "Office of the Ombudsman",
        "en",
        _(
            "The Ombudsman examines complaints under the European Union (Accessibility of "
            "Websites and Mobile Applications of Public Sector Bodies) Regulations 2020; the "
            "National Disability Authority monitors."
        ),
        "https://www.ombudsman.ie/",
    ),
    EnforcementBody(
        _("Poland"),
        "Rzecznik Praw Obywatelskich",
        "pl",
        _(
            "The Commissioner for Human Rights, after a request to the body itself under the "
            "Act of 4 April 2019 on the digital accessibility of public bodies' websites and "
            "mobile applications."
        ),
        "https://bip.brpo.gov.pl/",
    ),
]


@require_safe
def accessibility_statement(request):
    context = {
        "contact_email": settings.N2M_ACCESSIBILITY_EMAIL,
        "prepared": PREPARED,
        "reviewed": REVIEWED,
        "eu_directive_page": EU_DIRECTIVE_PAGE,
        "enforcement_bodies": ENFORCEMENT_BODIES,
        "site_url": settings.SITE_URL,
    }
    return render(request, "accessibility.html", context)
