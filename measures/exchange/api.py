"""The read-only JSON API: published measures, regions, themes and partners.

    GET /api/measures/                the list page's filters and sort, paginated
    GET /api/measures/<slug>/         one published measure in full
    GET /api/regions/, /api/regions/<slug>/, /api/themes/, /api/partners/

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
`Access-Control-Allow-Origin: *`, so any web page may read this public data.

Texts and page addresses are in the language the client asks for with
Accept-Language where a translation exists (LocaleMiddleware picks it, and says
which in Content-Language), else in English.
"""

import functools

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from measures.catalogue.filters import MeasureFilter
from measures.catalogue.transfers import lineage_of
from measures.content_language import localized
from measures.models import FUNDING_FIELDS, Category, Measure, Region
from measures.models.taxonomy import published_count_subquery
from partners.countries import Country
from partners.models import Partner

DEFAULT_PAGE_SIZE = settings.MEASURES_PER_PAGE
MAX_PAGE_SIZE = 100
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# The good-practice texts, kept in English only.
GOOD_PRACTICE_FIELDS = [
    "problem",
    "resources",
    "evidence",
    "difficulties",
    "transfer_potential",
    "funding",
    "main_institution",
]


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


def api_view(view):
    """GET and HEAD only, errors as JSON, readable by scripts on any origin."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = ApiError(405, _("Only GET requests are allowed.")).response()
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                response = error.response()
            except Http404:
                response = ApiError(404, _("Not found.")).response()
        if request.method not in ("GET", "HEAD"):
            response["Allow"] = ALLOWED_METHODS
        response["Access-Control-Allow-Origin"] = "*"
        return response

    # Nothing here changes state, so a POST needs no token to be refused with a 405.
    wrapper.csrf_exempt = True
    return wrapper


def field_errors(name, message, code):
    """Errors of one parameter in the shape of Django's `form.errors.get_json_data()`."""
    return {name: [{"message": message, "code": code}]}


@functools.cache
def _country_names(language):
    with translation.override(language):
        return {code: str(label) for code, label in Country.choices}


def country_name(code):
    """The country's name in the active language.

    From a table made once per language: `get_country_display()` hashes all of the
    choices' lazy labels on every call, which made a large export several times slower.
    """
    return _country_names(translation.get_language())[code]


class Representer:
    """Turns catalogue rows into JSON-ready dicts for one request.

    Paths become absolute URLs with the request's scheme and host; texts are in
    the active language where translated (measures.content_language). The
    region, partner and themes shared by many measures of a list or an export are
    built once each.
    """

    def __init__(self, request):
        self.origin = request.build_absolute_uri("/")[:-1]
        self._refs = {}

    def url(self, path):
        return self.origin + path

    def _ref(self, obj, build):
        key = (obj._meta.label, obj.pk)
        if key not in self._refs:
            self._refs[key] = build(obj)
        return self._refs[key]

    def theme_ref(self, theme):
        return self._ref(
            theme,
            lambda theme: {
                "slug": theme.slug,
                "name": localized(theme, "name"),
                "url": self.url(theme.get_absolute_url()),
            },
        )

    def partner_ref(self, partner):
        return self._ref(
            partner,
            lambda partner: {
                "slug": partner.slug,
                "name": partner.name,
                "short_name": partner.short_name,
                "country": partner.country,
                "url": self.url(partner.get_absolute_url()),
            },
        )

    def region_ref(self, region):
        return self._ref(
            region,
            lambda region: {
                "slug": region.slug,
                "name": localized(region, "name"),
                "country": region.country,
                "country_name": country_name(region.country),
                "url": self.url(region.get_absolute_url()),
                "api_url": self.url(reverse("api:region_detail", kwargs={"slug": region.slug})),
            },
        )

    def target_group_ref(self, group):
        return self._ref(
            group, lambda group: {"slug": group.slug, "name": localized(group, "name")}
        )

    def measure(self, measure):
        """A measure as in lists and exports: needs `for_export()` (themes, target groups)."""
        return {
            "slug": measure.slug,
            "title": localized(measure, "title"),
            "title_local": measure.title_local,
            "summary": localized(measure, "summary"),
            "url": self.url(measure.get_absolute_url()),
            "api_url": self.url(reverse("api:measure_detail", kwargs={"slug": measure.slug})),
            "region": self.region_ref(measure.region),
            "partner": self.partner_ref(measure.partner),
            "themes": [self.theme_ref(theme) for theme in measure.categories.all()],
            "target_groups": [self.target_group_ref(g) for g in measure.target_groups.all()],
            "start_year": measure.start_year,
            "end_year": measure.end_year,
            "implementation": measure.implementation or None,
            "website": measure.website or None,
            "published_at": measure.published_at.isoformat() if measure.published_at else None,
            **resources(measure),
        }

    def measure_ref(self, measure):
        return {
            "slug": measure.slug,
            "title": localized(measure, "title"),
            "url": self.url(measure.get_absolute_url()),
            "api_url": self.url(reverse("api:measure_detail", kwargs={"slug": measure.slug})),
            "region": self.region_ref(measure.region),
        }

    def lineage(self, measure):
        """Where the measure came from and where it was taken up, as on its page."""
        origins, adaptations = lineage_of(measure)
        return {
            "origins": [
                {
                    "kind": link.kind,
                    "measure": self.measure_ref(link.origin) if link.origin_id else None,
                    "name": link.origin_name or None,
                    "place": link.origin_place or None,
                    "url": link.origin_url or None,
                    "changes": link.changes,
                    "outcome": link.outcome,
                }
                for link in origins
            ],
            "adaptations": [
                {
                    "kind": link.kind,
                    "measure": self.measure_ref(link.measure),
                    "changes": link.changes,
                    "outcome": link.outcome,
                }
                for link in adaptations
            ],
        }

    def measure_in_full(self, measure):
        """A measure with its texts, links, image, indicators and lineage: needs `for_detail()`."""
        data = self.measure(measure)
        data["description"] = localized(measure, "description")
        for name in GOOD_PRACTICE_FIELDS:
            data[name] = getattr(measure, name)
        data["links"] = [{"title": link.title, "url": link.url} for link in measure.links.all()]
        data["image"] = (
            {"url": self.url(measure.image.url), "alt": measure.image_alt}
            if measure.image
            else None
        )
        data["indicators"] = [indicator_data(i) for i in measure.indicators.all()]
        data.update(self.lineage(measure))
        return data

    def measures_url(self, parameter, slug):
        return self.url(f"{reverse('api:measure_list')}?{parameter}={slug}")

    def region(self, region, *, full=False):
        """A region with its published count: needs `with_measure_counts()` and its partner."""
        data = {
            **self.region_ref(region),
            "name_local": region.name_local,
            "nuts_code": region.nuts_code,
            "nearby_metropolises": region.metropolis_list,
            "population": region.population,
            "population_year": region.population_year,
            "latitude": float(region.latitude) if region.latitude is not None else None,
            "longitude": float(region.longitude) if region.longitude is not None else None,
            "partner": self.partner_ref(region.partner) if region.partner else None,
            "measure_count": region.published_count,
            "measures_url": self.measures_url("region", region.slug),
        }
        if full:
            data["description"] = localized(region, "description")
        return data

    def theme(self, theme):
        return {
            **self.theme_ref(theme),
            "description": localized(theme, "description"),
            "measure_count": theme.published_count,
            "measures_url": self.measures_url("theme", theme.slug),
        }

    def partner(self, partner):
        return {
            **self.partner_ref(partner),
            "name_local": partner.name_local,
            "role": partner.role,
            "city": partner.city,
            "website": partner.website or None,
            "is_active": partner.is_active,
            "measure_count": partner.published_count,
            "measures_url": self.measures_url("partner", partner.slug),
        }


def number(value):
    """A figure as a JSON number: 5300, not "5300.00"."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def resources(measure):
    """The structured results and resources of a measure (or an export row), as codes."""
    return {
        "evidence_level": measure.evidence_level or None,
        "budget_band": measure.budget_band or None,
        "staff_effort": measure.staff_effort or None,
        "duration_months": measure.duration_months,
        "funding_sources": [
            source.value for source, field in FUNDING_FIELDS.items() if getattr(measure, field)
        ],
    }


def indicator_data(indicator):
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": number(indicator.baseline),
        "target": number(indicator.target),
        "achieved": number(indicator.achieved),
        "achieved_on": indicator.achieved_on.isoformat() if indicator.achieved_on else None,
        "achieved_on_precision": indicator.achieved_on_precision if indicator.achieved_on else None,
    }


# The views


def page_size_of(params):
    """The page_size parameter: default when absent, capped at MAX_PAGE_SIZE, 400 if not >= 1."""
    raw = params.get("page_size")
    if raw in (None, ""):
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1:
        message = _("Enter a whole number of at least 1.")
        raise ApiError(400, message, field_errors("page_size", message, "invalid"))
    return min(size, MAX_PAGE_SIZE)


def page_url(request, number):
    """The absolute address of page `number` with the request's other parameters."""
    query = request.GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = str(number)
    path = f"{request.path}?{query.urlencode()}" if query else request.path
    return request.build_absolute_uri(path)


@api_view
def measure_list(request):
    page_size = page_size_of(request.GET)
    filterset = MeasureFilter(request.GET, queryset=Measure.objects.published().for_export())
    if not filterset.is_valid():
        raise ApiError(
            400,
            _("Some filter values are not valid: %(names)s.")
            % {"names": ", ".join(filterset.form.errors)},
            filterset.form.errors.get_json_data(),
        )
    paginator = Paginator(filterset.qs, page_size)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        raise ApiError(
            404,
            _("There is no such page; pages run from 1 to %(last)s.")
            % {"last": paginator.num_pages},
        ) from None
    represent = Representer(request)
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "page_size": page_size,
            "next": page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [represent.measure(measure) for measure in page.object_list],
        }
    )


@api_view
def measure_detail(request, slug):
    measure = get_object_or_404(Measure.objects.published().for_detail(), slug=slug)
    return JsonResponse(Representer(request).measure_in_full(measure))


def listing(rows):
    return JsonResponse({"count": len(rows), "results": rows})


def regions():
    return Region.objects.with_measure_counts().select_related("partner").translated()


@api_view
def region_list(request):
    represent = Representer(request)
    return listing([represent.region(region) for region in regions()])


@api_view
def region_detail(request, slug):
    region = get_object_or_404(regions(), slug=slug)
    return JsonResponse(Representer(request).region(region, full=True))


@api_view
def theme_list(request):
    represent = Representer(request)
    themes = Category.objects.with_measure_counts().translated()
    return listing([represent.theme(theme) for theme in themes])


@api_view
def partner_list(request):
    represent = Representer(request)
    partners = Partner.objects.annotate(
        published_count=published_count_subquery(Partner.objects.all())
    ).order_by("-is_active", "role", "name")
    return listing([represent.partner(partner) for partner in partners])
