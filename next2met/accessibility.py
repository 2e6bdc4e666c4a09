"""The accessibility statement that EU public-sector websites publish (Directive (EU) 2016/2102).

Its structure follows the Commission's model statement (Implementing Decision
(EU) 2018/1523): conformance status, the parts that do not yet conform, how the
statement was prepared, how to report a problem, and the enforcement procedure.
The contact address comes from the setting N2M_ACCESSIBILITY_EMAIL.
"""

from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

# When the statement was prepared and last reviewed; update both on each review.
PREPARED = date(2026, 11, 24)
REVIEWED = date(2026, 11, 24)
# The European Commission's page on the Web Accessibility Directive, which links
# to the monitoring and enforcement bodies of the member states.
EU_DIRECTIVE_PAGE = "https://digital-strategy.ec.europa.eu/en/policies/web-accessibility"


@require_safe
def accessibility_statement(request):
    context = {
        "contact_email": settings.N2M_ACCESSIBILITY_EMAIL,
        "prepared": PREPARED,
        "reviewed": REVIEWED,
        "eu_directive_page": EU_DIRECTIVE_PAGE,
    }
    return render(request, "accessibility.html", context)
