"""Downloads of the measure list as filtered: CSV for spreadsheets, JSON for programs.

Both read the list page's query string and hold every matching measure, not
one page of them, in the list page's order: the rows come from the same
MeasureFilter over `Measure.objects.published()`. As on the page, an unknown
filter value is left out and the valid ones apply.

The rows are streamed in chunks of CHUNK_SIZE measures (a few queries per
chunk, whatever its size), so a download of the whole catalogue never holds it
in memory. The CSV starts with a byte order mark, which Excel needs to read
UTF-8 (without it, "Päijät-Häme" arrives as "PÃ¤ijÃ¤t-HÃ¤me").
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from measures.api import Representer, country_name
from measures.content_language import localized
from measures.filters import MeasureFilter
from measures.models import Measure

CHUNK_SIZE = 2000
BOM = "\ufeff"
LIST_SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet; an apostrophe
# in front keeps it text (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_HEADER = [
    _("Title"),
    _("URL"),
    _("Region"),
    _("Country"),
    _("Partner"),
    _("Themes"),
    _("Target groups"),
    _("Start year"),
    _("End year"),
    _("Status in reality"),
    _("Summary"),
    _("Website"),
    _("Published"),
]


def filtered_measures(request):
    """Every measure the list page shows for this query string, in its order."""
    filterset = MeasureFilter(request.GET, queryset=Measure.objects.published().for_export())
    return filterset.qs


def text(value):
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_row(measure, represent):
    region = measure.region
    themes = [localized(theme, "name") for theme in measure.categories.all()]
    groups = [localized(group, "name") for group in measure.target_groups.all()]
    return [
        text(localized(measure, "title")),
        represent.url(measure.get_absolute_url()),
        text(localized(region, "name")),
        country_name(region.country),
        text(measure.partner.name),
        text(LIST_SEPARATOR.join(themes)),
        text(LIST_SEPARATOR.join(groups)),
        measure.start_year or "",
        measure.end_year or "",
        Measure.Implementation(measure.implementation).label if measure.implementation else "",
        text(localized(measure, "summary")),
        measure.website,
        timezone.localdate(measure.published_at).isoformat() if measure.published_at else "",
    ]


class Echo:
    """A file that hands back what is written to it, for csv.writer to stream through."""

    def write(self, value):
        return value


def in_language(language, chunks):
    """`chunks`, produced with `language` active: they are made after the view returned."""
    with translation.override(language):
        yield from chunks


def csv_chunks(measures, represent):
    writer = csv.writer(Echo())
    yield BOM + writer.writerow([str(label) for label in CSV_HEADER])
    for measure in measures.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow(csv_row(measure, represent))


def json_chunks(measures, represent, list_url):
    yield f'{{"list_url": {json.dumps(list_url)}, "results": ['
    separator = ""
    for measure in measures.iterator(chunk_size=CHUNK_SIZE):
        yield separator + json.dumps(represent.measure(measure), cls=DjangoJSONEncoder)
        separator = ","
    yield "]}"


def download(chunks, content_type, extension):
    response = StreamingHttpResponse(
        in_language(translation.get_language(), chunks), content_type=content_type
    )
    filename = f"next2met-measures-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
def export_csv(request):
    chunks = csv_chunks(filtered_measures(request), Representer(request))
    return download(chunks, "text/csv; charset=utf-8", "csv")


@require_safe
def export_json(request):
    query = request.GET.urlencode()
    list_path = reverse("measures:list") + (f"?{query}" if query else "")
    chunks = json_chunks(
        filtered_measures(request),
        Representer(request),
        request.build_absolute_uri(list_path),
    )
    return download(chunks, "application/json", "json")
