"""The read-only JSON API: published measures, regions, themes and partners.

    GET /api/                         the root: what the API offers, with links
    GET /api/measures/                the list page's filters and sort, paginated
    GET /api/measures/<slug>/         one published measure in full
    GET /api/regions/, /api/regions/<slug>/, /api/themes/, /api/partners/
    GET /api/openapi.json             the OpenAPI 3.1 description (measures.exchange.openapi)

Plain Django views rather than Django REST framework: every endpoint is a GET
that turns a few models into dicts, the filtering is MeasureFilter's job already
and the pagination Django's Paginator. DRF would add a dependency with its own
settings, serializer and permission layers, and a browsable HTML API whose forms
and scripts the Content-Security-Policy would have to make room for, for none of
which a read-only API of public data has a use.

Visibility is the site's: only `Measure.objects.published()`, and the counts of
regions, themes and partners count only published measures. Where the list page
leaves out an unknown filter value and says so, the API answers 400 naming the
parameter: a program cannot read the page's notice, and results silently widened
to every region would be wrong data. Every answer, errors included, carries
`Access-Control-Allow-Origin: *`, so any web page may read this public data,
and names the content's licence (settings.CONTENT_LICENSE) in a
`Link: <…>; rel="license"` header; a script on another origin may read that
header, the ETag and the language too (Access-Control-Expose-Headers). The
ETag and Last-Modified come from the content version, as on every public page
(next2met.conditional): a client's current copy costs a 304.

Every address under /api/ answers errors as JSON, those no view of the API
sees included: an unknown address, too many parameters, a server error, the
database being down (next2met.errors, next2met.views.database_unavailable ask
`error_response()` for them). A page number that is not a whole number of at
least 1 is a 400 naming `page`, as for `page_size`; a page past the last is a 404.

The dicts themselves come from measures.exchange.representation, which the
downloads share. Texts and page addresses are in the language the client asks
for with Accept-Language where a translation exists (LocaleMiddleware picks it,
and says which in Content-Language), else in English. The `lang` parameter
(`?lang=de`) overrides the header, for clients that cannot set one; it is read as
the header is (`DE`, `de-AT` are German); an unknown or empty one is a 400 naming `lang`.
"""

import functools

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from measures.catalogue.filters import MeasureFilter, tidied
from measures.exchange.representation import Representer, annotations
from measures.models import Category, Measure, Region
from measures.models.taxonomy import published_count_subquery
from measures.site_url import absolute_url
from partners.models import Partner

DEFAULT_PAGE_SIZE = settings.MEASURES_PER_PAGE
MAX_PAGE_SIZE = 100
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# What a script on another origin may do (a preflight's answer) and read of an answer.
CORS_METHODS = "GET, HEAD"
CORS_REQUEST_HEADERS = "Accept-Language, If-None-Match, If-Modified-Since"
CORS_EXPOSED_HEADERS = "ETag, Last-Modified, Link, Content-Language"
LANGUAGE_PARAM = "lang"
# Where next2met/urls.py mounts the API: every answer below it is JSON, errors included.
API_PREFIX = "/api/"


class ApiError(Exception):
    """An answer other than 200, raised anywhere in a view and sent as JSON."""

    def __init__(self, status, detail, errors=None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors

    def response(self):
        body = {"detail": self.detail}
        if self.errors:
            body["errors"] = self.errors
        return JsonResponse(body, status=self.status)


def license_named():
    """The content's licence as the API's root and the JSON download name it."""
    license = settings.CONTENT_LICENSE
    return {"name": license["short_name"], "spdx": license["spdx"], "url": license["url"]}


def license_link():
    """The `Link` header value that names the content's licence."""
    return f'<{settings.CONTENT_LICENSE["url"]}>; rel="license"'


def with_open_data_headers(response):
    """Readable from any origin, the licence named: what every answer under /api/ carries."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = CORS_EXPOSED_HEADERS
    response["Link"] = license_link()
    return response


def site_language(code):
    """The site's language `code` names, as Accept-Language is read: any case, en-GB as en."""
    try:
        return translation.get_supported_language_variant(code.strip().lower().replace("_", "-"))
    except LookupError:
        return None


def requested_language(request):
    """The `lang` parameter's language, None when absent; a 400 naming it if unknown or empty."""
    code = request.GET.get(LANGUAGE_PARAM)
    if code is None:
        return None
    language = site_language(code)
    if language is None:
        codes = ", ".join(code for code, name in settings.LANGUAGES)
        message = _("Choose one of: %(codes)s.") % {"codes": codes}
        raise ApiError(
            400,
            _("lang must be one of the site's languages: %(codes)s.") % {"codes": codes},
            field_errors(LANGUAGE_PARAM, message, "invalid_choice"),
        )
    return language


def answer(view, request, *args, **kwargs):
    """The view's answer in the language asked for, or its error as JSON."""
    try:
        language = requested_language(request)
        if language is None:
            return view(request, *args, **kwargs)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        return response
    except ApiError as error:
        return error.response()
    except Http404:
        return ApiError(404, _("Not found.")).response()


def api_view(view):
    """GET and HEAD only, errors as JSON, readable by scripts on any origin."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = CORS_METHODS
            response["Access-Control-Allow-Headers"] = CORS_REQUEST_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = ApiError(
                405, _("Only GET, HEAD and OPTIONS requests are allowed.")
            ).response()
        else:
            response = answer(view, request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            response["Allow"] = ALLOWED_METHODS
        return with_open_data_headers(response)

    # Nothing here changes state, so a POST needs no token to be refused with a 405.
    wrapper.csrf_exempt = True
    return wrapper


def field_errors(name, message, code):
    """Errors of one parameter in the shape of Django's `form.errors.get_json_data()`."""
    return {name: [{"message": message, "code": code}]}


def is_api_request(request):
    return request.path.startswith(API_PREFIX)


def error_response(status, detail):
    """An error as the API answers it, for answers made outside its views."""
    return with_open_data_headers(ApiError(status, detail).response())


def redirect_response(status, location):
    """A redirect as the API answers it: the address in Location and in a JSON body."""
    response = JsonResponse(
        {"detail": _("This resource is at another address."), "location": location},
        status=status,
    )
    response["Location"] = location
    return response


# The views


def whole_number_of(params, name, default):
    """The parameter `name` as a whole number: `default` if absent, a 400 naming it if not >= 1."""
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        message = _("Enter a whole number of at least 1.")
        raise ApiError(
            400,
            _("%(name)s must be a whole number of at least 1.") % {"name": name},
            field_errors(name, message, "invalid"),
        )
    return number


def page_size_of(params):
    """The page_size parameter: default when absent, capped at MAX_PAGE_SIZE, 400 if not >= 1."""
    return min(whole_number_of(params, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)


def page_url(request, number, params=None):
    """The absolute address of page `number` with the request's (or `params`') other parameters."""
    query = tidied(request.GET if params is None else params)
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = str(number)
    path = f"{request.path}?{query.urlencode()}" if query else request.path
    return absolute_url(path)


def search_answer(filterset):
    """The words searched (corrected when those typed found nothing) and those typed;
    None without words."""
    if not filterset.query:
        return None
    return {
        "query": filterset.query,
        "typed": filterset.corrected_from or filterset.query,
        "corrected": bool(filterset.corrected_from),
    }


@api_view
def measure_list(request):
    page_size = page_size_of(request.GET)
    number = whole_number_of(request.GET, "page", 1)
    measures = Measure.objects.published().for_export().annotate(**annotations())
    filterset = MeasureFilter(request.GET, queryset=measures)
    if not filterset.is_valid():
        raise ApiError(
            400,
            _("Some filter values are not valid: %(names)s.")
            % {"names": ", ".join(filterset.form.errors)},
            filterset.form.errors.get_json_data(),
        )
    paginator = Paginator(filterset.qs, page_size)
    # Words that find nothing are searched as the list page searches them: corrected.
    corrected = filterset.corrected(empty=not paginator.count) if filterset.query else None
    if corrected is not None:
        filterset = corrected
        paginator = Paginator(filterset.qs, page_size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise ApiError(
            404,
            _("There is no such page; pages run from 1 to %(last)s.")
            % {"last": paginator.num_pages},
        ) from None
    represent = Representer()
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "page_size": page_size,
            "search": search_answer(filterset),
            "next": (
                page_url(request, page.next_page_number(), filterset.data)
                if page.has_next()
                else None
            ),
            "previous": (
                page_url(request, page.previous_page_number(), filterset.data)
                if page.has_previous()
                else None
            ),
            "results": [represent.measure(measure) for measure in page.object_list],
        }
    )


@api_view
def measure_detail(request, slug):
    measures = Measure.objects.published().for_detail().annotate(**annotations())
    measure = get_object_or_404(measures, slug=slug)
    return JsonResponse(Representer().measure_in_full(measure))


def listing(rows):
    return JsonResponse({"count": len(rows), "results": rows})


def regions():
    # with_measure_counts() already prefetches the names in the page's language;
    # asking for the same prefetch twice is an error in any language but English.
    return Region.objects.with_measure_counts().select_related("partner")


@api_view
def region_list(request):
    represent = Representer()
    return listing([represent.region(region) for region in regions()])


@api_view
def region_detail(request, slug):
    region = get_object_or_404(regions(), slug=slug)
    return JsonResponse(Representer().region(region, full=True))


@api_view
def theme_list(request):
    represent = Representer()
    themes = Category.objects.with_measure_counts()
    return listing([represent.theme(theme) for theme in themes])


@api_view
def partner_list(request):
    represent = Representer()
    partners = Partner.objects.annotate(
        published_count=published_count_subquery(Partner.objects.all())
    ).order_by("-is_active", "role", "name")
    return listing([represent.partner(partner) for partner in partners])


@api_view
def root(request):
    """What the API offers: its endpoints, its description, the catalogue's metadata, feeds."""
    return JsonResponse(
        {
            "title": "Next2Met catalogue API",
            "description": _(
                "Published soft digitalisation measures of the Next2Met catalogue, their "
                "regions, themes and partners, read-only and open to any origin."
            ),
            "version": "1.0",
            "license": license_named(),
            "languages": [code for code, name in settings.LANGUAGES],
            "language_parameter": LANGUAGE_PARAM,
            "openapi": absolute_url(reverse("api:openapi")),
            "endpoints": {
                "measures": absolute_url(reverse("api:measure_list")),
                "measure": absolute_url(reverse("api:measure_list")) + "{slug}/",
                "regions": absolute_url(reverse("api:region_list")),
                "region": absolute_url(reverse("api:region_list")) + "{slug}/",
                "themes": absolute_url(reverse("api:theme_list")),
                "partners": absolute_url(reverse("api:partner_list")),
            },
            "catalogue": {
                "turtle": absolute_url(reverse("api:dcat_turtle")),
                "json_ld": absolute_url(reverse("api:dcat_json_ld")),
            },
            "feeds": {
                "new_measures": absolute_url(reverse("measures:feed")),
                "recent_changes": absolute_url(reverse("measures:changes_feed")),
            },
            "oembed": absolute_url(reverse("api:oembed")),
        },
        json_dumps_params={"ensure_ascii": False},
    )
