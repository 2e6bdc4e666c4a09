"""Every public address a GET can ask for, one per URL pattern, checked against the URLconf.

`PUBLIC_GET_PAGES` names each pattern of the site outside the back office with an
address that answers it for `public_catalogue()`; `POST_ONLY` names the patterns
that only change something. `tests/catalogue/test_head_requests.py` checks that the
two together are exactly the URLconf's patterns, so a new view cannot be left out
of the tests that walk this table (HEAD, validators).

`PER_VISITOR` are the pages whose content belongs to one visitor (the dossier, the
contact form with its token, the pages of an e-mail alert) or to this moment (the
health check): never stored, never given a shared validator.
"""

from urllib.parse import urlsplit

from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver
from django.views import static

from measures.models import AlertSubscription, Exploration, Prerequisite
from measures.review.explorations import CONFIRMATION_SALT as EXPLORATION_SALT
from measures.visitors.alerts.links import CONFIRMATION_SALT
from tests.catalogues import days_ago
from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory, RegionFactory

MEASURE = "village-e-service-points"
OTHER_MEASURE = "digital-village-assistants"
# An e-mail alert waiting for its confirmation, and one confirmed.
PENDING_ALERT = "pending-alert-key"
ALERT = "confirmed-alert-key"
# An entry of a region exploring the measure, waiting for its address to be confirmed.
EXPLORATION = "exploration-key"

PUBLIC_GET_PAGES = {
    "home": "/en/",
    "accessibility": "/en/accessibility/",
    "about": "/en/about/",
    "legal_notice": "/en/legal-notice/",
    "privacy": "/en/privacy/",
    "og_image": "/en/og-image.png",
    "og_image_measure": f"/en/measures/{MEASURE}/og-image.png",
    "measures:list": "/en/measures/?q=village",
    "measures:feed": "/en/measures/feed/",
    "measures:changes_feed": "/en/measures/changes/feed/",
    "measures:measure_changes_feed": f"/en/measures/{MEASURE}/changes/feed/",
    "measures:embed": f"/en/measures/{MEASURE}/embed/",
    "measures:export_csv": "/en/measures/export.csv",
    "measures:export_json": "/en/measures/export.json",
    "measures:detail": f"/en/measures/{MEASURE}/",
    "measures:fit_check": f"/en/measures/{MEASURE}/fit/?budget=under-50k&staff=one-person",
    "measures:explore": f"/en/measures/{MEASURE}/explore/",
    "measures:explore_sent": f"/en/measures/{MEASURE}/explore/sent/",
    "measures:exploration_confirm": (
        f"/en/explorations/confirm/{signing.dumps(EXPLORATION, salt=EXPLORATION_SALT)}/"
    ),
    "measures:exploration_withdraw": f"/en/explorations/withdraw/{EXPLORATION}/",
    "measures:contact": f"/en/measures/{MEASURE}/contact/",
    "measures:contact_sent": f"/en/measures/{MEASURE}/contact/sent/",
    "measures:dossier": "/en/dossier/",
    "measures:dossier_print": "/en/dossier/print/",
    "measures:dossier_pdf": "/en/dossier/dossier.pdf",
    "measures:alert_subscribe": "/en/alerts/subscribe/?region=vorpommern-greifswald",
    "measures:alert_subscribe_sent": "/en/alerts/subscribe/sent/",
    "measures:alert_confirm": (
        f"/en/alerts/confirm/{signing.dumps(PENDING_ALERT, salt=CONFIRMATION_SALT)}/"
    ),
    "measures:alert_manage": f"/en/alerts/manage/{ALERT}/",
    "measures:alert_unsubscribe": f"/en/alerts/unsubscribe/{ALERT}/",
    "measures:region_list": "/en/regions/",
    "measures:region_detail": "/en/regions/vorpommern-greifswald/",
    "measures:theme_list": "/en/themes/",
    "measures:theme_detail": "/en/themes/e-services/",
    "measures:compare": f"/en/compare/?measures={MEASURE}&measures={OTHER_MEASURE}",
    "measures:compare_chosen": "/en/compare/chosen.json",
    "measures:statistics": "/en/statistics/",
    "measures:transfers": "/en/transfers/",
    "partners:list": "/en/partners/",
    "partners:detail": "/en/partners/witeno/",
    "api:root": "/api/",
    "api:openapi": "/api/openapi.json",
    "api:dcat": "/api/catalogue",
    "api:dcat_turtle": "/api/catalogue.ttl",
    "api:dcat_json_ld": "/api/catalogue.jsonld",
    "api:oembed": f"/api/oembed/?url=http://testserver/en/measures/{MEASURE}/",
    "api:measure_list": "/api/measures/",
    "api:measure_detail": f"/api/measures/{MEASURE}/",
    "api:region_list": "/api/regions/",
    "api:region_detail": "/api/regions/vorpommern-greifswald/",
    "api:theme_list": "/api/themes/",
    "api:partner_list": "/api/partners/",
    "robots_txt": "/robots.txt",
    "healthz": "/healthz",
    "favicon": "/favicon.ico",
    "sitemap": "/sitemap.xml",
    "sitemap_section": "/sitemap-measures.xml",
}

POST_ONLY = {
    "measures:dossier_add",
    "measures:dossier_remove",
    "measures:dossier_empty",
    "measures:compare_choose",
}

PER_VISITOR = {
    "measures:contact",
    "measures:explore",
    "measures:explore_sent",
    "measures:exploration_confirm",
    "measures:exploration_withdraw",
    "measures:dossier",
    "measures:dossier_print",
    "measures:dossier_pdf",
    "measures:compare_chosen",
    "measures:alert_subscribe",
    "measures:alert_subscribe_sent",
    "measures:alert_confirm",
    "measures:alert_manage",
    "measures:alert_unsubscribe",
    "healthz",
    # Not one visitor's, but never stored nor revalidated either: a 304 would bring the
    # site's frame policy into a partner site's copy of the card (measures.exchange.embed).
    "measures:embed",
    # Its body follows the Accept header, which neither the page cache nor the shared
    # validators know: kept by the browser alone (measures.exchange.dcat).
    "api:dcat",
}

# The back office: staff pages, behind a sign-in, outside this table.
BACK_OFFICE = "admin/"


def _walk(patterns, namespace=None, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace])) or None
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern):
            yield namespace, route, entry


def public_pattern_names():
    """The names of every pattern of the URLconf outside the back office.

    Media files served in debug mode only are left out: they are the uploads' own.
    """
    names = set()
    for namespace, route, pattern in _walk(get_resolver().url_patterns):
        if pattern.callback is static.serve or route.startswith(BACK_OFFICE):
            continue
        names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def public_catalogue():
    """What the addresses of PUBLIC_GET_PAGES answer for: two published measures of one
    partner, region and theme, and two e-mail alerts of that region."""
    for key, confirmed_at in [(PENDING_ALERT, None), (ALERT, days_ago(1))]:
        AlertSubscription.objects.create(
            email=f"{key}@example.org",
            query="region=vorpommern-greifswald",
            language="en",
            key=key,
            confirmed_at=confirmed_at,
        )
    partner = PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno")
    region = RegionFactory(
        name="Vorpommern-Greifswald", slug="vorpommern-greifswald", partner=partner
    )
    theme = CategoryFactory(name="E-services", slug="e-services")
    measure = MeasureFactory(
        title="Village e-service points",
        slug=MEASURE,
        region=region,
        partner=partner,
        categories=[theme],
    )
    # Two questions for the fit check on the measure's page and its own.
    for kind, condition in [("people", "A clerk in each village"), ("infrastructure", "Broadband")]:
        Prerequisite.objects.create(measure=measure, kind=kind, condition=condition)
    Exploration.objects.create(
        measure=measure,
        organisation="Municipality of Lappeenranta",
        region_name="South Karelia",
        country="FI",
        email="digital@lappeenranta.example",
        key=EXPLORATION,
    )
    return [
        measure,
        MeasureFactory(
            title="Digital village assistants",
            slug=OTHER_MEASURE,
            region=region,
            partner=partner,
            categories=[theme],
        ),
    ]


def fill_dossier(client):
    """Put a measure in the client's dossier, so its pages and PDF have something to show."""
    response = client.post("/en/dossier/add/", {"slug": MEASURE})
    assert response.status_code == 303


def is_html_page(address):
    """Whether a browser shows `address` as a page: the catalogue's addresses carry a language
    prefix, and of those only files (og-image.png, export.csv, dossier.pdf, chosen.json) and
    feeds answer anything but HTML. What is left out is only what cannot be a page."""
    path = urlsplit(address).path
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return path.startswith("/en/") and "." not in last and last != "feed"


# The public pages a browser shows, by name, each with its address in English.
HTML_PAGES = {name: address for name, address in PUBLIC_GET_PAGES.items() if is_html_page(address)}
