"""A measure as a small card that partners put on their own sites, and its oEmbed answer.

    GET /<lang>/measures/<slug>/embed/          the card: an HTML page for an iframe
    GET /api/oembed/?url=<measure page>         oEmbed 1.0 (JSON): the iframe to paste

The card is the only page another site may frame: its own Content-Security-Policy
says `frame-ancestors *`, and it is exempt from X-Frame-Options; every other
page keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY` (settings). It is
self-contained: its style is inline (allowed by its hash, not by
'unsafe-inline'), it has no script and no image, and it loads nothing, so a
partner's visitors send nothing to this site until they follow the link back.
It stays under MAX_BYTES. It is neither kept nor given an ETag (see `embed()`
for why).

The measure page names the oEmbed answer in a <link rel="alternate"> (the
`oembed_discovery` tag of measures.templatetags.open_data).
"""

import base64
import hashlib
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from measures.content_language import localized
from measures.exchange.api import ApiError, api_view, field_errors, whole_number_of
from measures.models import Measure
from measures.site_url import absolute_url, site_url

MAX_BYTES = 10 * 1024
WIDTH, HEIGHT = 400, 320
# The smallest frame the card's text still fits in (its style is fluid down to it).
MIN_WIDTH, MIN_HEIGHT = 240, 200
PROVIDER_NAME = "Next2Met"

# The card's whole style. Its hash is its permission in the card's CSP.
CARD_CSS = """
*{box-sizing:border-box}
html,body,main{margin:0;height:100%}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2430;
background:#fff}
.card{display:flex;flex-direction:column;height:100%;padding:14px 16px;border:1px solid #c9d1da;
border-radius:8px;border-top:5px solid #0b5f8a}
.eyebrow{margin:0;font-size:13px;color:#4a5867}
h1{margin:4px 0 6px;font-size:18px;line-height:1.25}
.summary{margin:0 0 10px;overflow:hidden;display:-webkit-box;-webkit-line-clamp:4;
-webkit-box-orient:vertical}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0 0 10px;font-size:13px}
dt{color:#4a5867}dd{margin:0}
.more{margin-top:auto;display:flex;justify-content:space-between;align-items:baseline;gap:8px;
font-size:13px}
a{color:#0b5f8a;font-weight:600}a:focus{outline:3px solid #f2a900;outline-offset:2px}
.source{color:#4a5867}
""".strip()
CARD_STYLE_HASH = base64.b64encode(hashlib.sha256(CARD_CSS.encode()).digest()).decode()
CARD_CSP = "; ".join(
    [
        "default-src 'none'",
        f"style-src 'sha256-{CARD_STYLE_HASH}'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors *",
    ]
)


@require_safe
@xframe_options_exempt
def embed(request, slug):
    context = {"card_css": CARD_CSS, "site_url": site_url() + "/"}
    measure = Measure.objects.published().for_listing().filter(slug=slug).first()
    if measure is None:
        # A partner's page keeps its iframe after a measure is archived or renamed: a card
        # it may frame saying so, rather than the site's 404 page, which refuses frames.
        response = render(request, "measures/embed_missing.html", context, status=404)
    else:
        context |= {
            "measure": measure,
            "page_url": absolute_url(measure.get_absolute_url()),
            "license": settings.CONTENT_LICENSE,
        }
        response = render(request, "measures/embed.html", context)
    # Set here, before django-csp's middleware, which leaves a policy already set alone.
    response["Content-Security-Policy"] = CARD_CSP
    # Never kept, so never revalidated: the site's 304s (next2met.conditional) carry the
    # site's policy, and a browser takes a 304's headers into its copy, so a revalidated
    # card would lose `frame-ancestors *`. This also keeps validators and the shared page
    # cache away from it; a card costs one query.
    patch_cache_control(response, private=True, no_store=True)
    return response


def embed_url(measure):
    return absolute_url(reverse("measures:embed", kwargs={"slug": measure.slug}))


def oembed_url(measure):
    """The oEmbed answer's address for the measure's page in the active language."""
    query = urlencode({"url": absolute_url(measure.get_absolute_url()), "format": "json"})
    return absolute_url(f"{reverse('api:oembed')}?{query}")


def measure_page(url):
    """(slug, language) of a measure page's address at SITE_URL; ApiError if it is none."""
    if not url:
        raise ApiError(
            400,
            _("Give the address of a measure's page as url."),
            field_errors("url", _("This parameter is required."), "required"),
        )
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[" : not an address at all
        raise ApiError(404, _("This address is not a page of this catalogue.")) from None
    site = urlsplit(site_url())
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        raise ApiError(404, _("This address is not a page of this catalogue."))
    language = parts.path.strip("/").split("/", 1)[0]
    if language not in dict(settings.LANGUAGES):
        raise ApiError(404, _("This address is not the page of a measure."))
    # The language prefix resolves only in its own language.
    with translation.override(language):
        try:
            match = resolve(parts.path)
        except Resolver404:
            raise ApiError(404, _("This address is not the page of a measure.")) from None
    if match.view_name not in ("measures:detail", "measures:embed"):
        raise ApiError(404, _("This address is not the page of a measure."))
    return match.kwargs["slug"], language


@api_view
def oembed(request):
    # An empty format is none asked for; JSON is json.
    if (request.GET.get("format", "").strip().lower() or "json") != "json":
        # What the oEmbed specification asks for a format the provider does not offer.
        raise ApiError(501, _("Only the json format is offered."))
    slug, language = measure_page(request.GET.get("url", ""))
    max_width = whole_number_of(request.GET, "maxwidth", WIDTH)
    max_height = whole_number_of(request.GET, "maxheight", HEIGHT)
    if max_width < MIN_WIDTH or max_height < MIN_HEIGHT:
        # The card flows into any frame down to this size; a smaller one would cut its
        # text. oEmbed asks a provider to respect the size or to have no answer.
        raise ApiError(
            404,
            _("The card needs at least %(width)s × %(height)s pixels.")
            % {"width": MIN_WIDTH, "height": MIN_HEIGHT},
        )
    width, height = min(WIDTH, max_width), min(HEIGHT, max_height)
    with translation.override(language):
        try:
            measure = Measure.objects.published().for_listing().get(slug=slug)
        except Measure.DoesNotExist:
            raise Http404 from None
        title = str(localized(measure, "title"))
        src = embed_url(measure)
        frame_title = _("%(title)s on Next2Met") % {"title": title}
        author = str(localized(measure.partner, "name"))
    license = settings.CONTENT_LICENSE
    html = (
        f'<iframe src="{src}" width="{width}" height="{height}" title="{escape(frame_title)}" '
        'loading="lazy" style="border:0"></iframe>'
    )
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "author_name": author,
            "author_url": absolute_url(measure.partner.get_absolute_url()),
            "provider_name": PROVIDER_NAME,
            "provider_url": site_url() + "/",
            "html": html,
            "width": width,
            "height": height,
            "license": license["short_name"],
            "license_url": license["url"],
        },
        json_dumps_params={"ensure_ascii": False},
    )
