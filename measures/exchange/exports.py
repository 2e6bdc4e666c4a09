"""Downloads of the measure list as filtered: CSV for spreadsheets, JSON for programs.

Both hold the representation the API lists (measures.exchange.representation):
the JSON one row per measure, the CSV the same flattened into columns. Both
read the list page's query string and hold every matching measure, not
one page of them, in the list page's order: the rows come from the same
MeasureFilter over `Measure.objects.published()`. As on the page, an unknown
filter value is left out and the valid ones apply. Texts are in the page's
language where translated, as on the page.

The rows are streamed, CHUNK_SIZE measures at a time, so a download of the
whole catalogue never sits in memory. They are also read quickly, about 20
times quicker than through model instances and prefetching: the regions,
partners, themes and target groups (a few dozen rows) are read once, the
measures as plain values through one cursor, and each chunk costs two queries
more (three on a page in another language than English). That matters
because a sync gunicorn worker that has not answered within GUNICORN_TIMEOUT is
killed, which would cut a long download short.

The finished download is kept, compressed, in the shared cache
(`measures.caching.downloads`): asked again at the same content version, in
the same language and with the same filters, it is sent without a query. It is
kept under the list's canonical query string, which the JSON names its list by
too: a parameter the list does not know (?junk=1), an empty or default value
(?region=&sort=newest) or a repeated one neither makes a new download to build
nor shows in one.

Both name the content's licence in a `Link: <…>; rel="license"` header, as the API
does; the JSON also as its `license` member, for a file saved without its headers.

The CSV starts with a byte order mark, which Excel needs to read UTF-8 (without
it, "Päijät-Häme" arrives as "PÃ¤ijÃ¤t-HÃ¤me").
"""

import csv
import json
from itertools import islice

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from measures.caching.downloads import cached_download
from measures.catalogue.filters import MeasureFilter
from measures.content_language import translated_language
from measures.exchange.api import license_link, license_named
from measures.exchange.representation import (
    ANNOTATED,
    COLUMNS,
    MeasureRow,
    Representer,
    Table,
    annotations,
)
from measures.models import Category, Measure, MeasureTranslation, Region, TargetGroup
from measures.site_url import absolute_url
from partners.models import Partner
from partners.text import spreadsheet_cell

CHUNK_SIZE = 2000
BOM = "\ufeff"


def filtered(request):
    """The list's filters for this query string, over every published measure."""
    return MeasureFilter(request.GET, queryset=Measure.objects.published())


def filtered_measures(request):
    """Every measure the list page shows for this query string, in its order."""
    return filtered(request).qs


class ExportReader:
    """The MeasureRows of `measures` (a filtered, ordered queryset), read chunk by chunk."""

    def __init__(self, measures):
        self.measures = measures
        self.language = translated_language()

    def __iter__(self):
        regions = {region.pk: region for region in Region.objects.translated()}
        partners = {partner.pk: partner for partner in Partner.objects.all()}
        themes = {theme.pk: theme for theme in Category.objects.translated()}
        groups = {group.pk: group for group in TargetGroup.objects.translated()}
        rows = (
            self.measures.annotate(**annotations())
            .values_list(*COLUMNS, *ANNOTATED)
            .iterator(chunk_size=CHUNK_SIZE)
        )
        while chunk := list(islice(rows, CHUNK_SIZE)):
            ids = [values[0] for values in chunk]
            theme_ids = self._related_ids("categories", ids)
            group_ids = self._related_ids("target_groups", ids)
            texts = self._translated_texts(ids)
            for values in chunk:
                pk = values[0]
                row = MeasureRow(
                    values,
                    regions[values[5]],
                    partners[values[6]],
                    [themes[i] for i in theme_ids.get(pk, [])],
                    [groups[i] for i in group_ids.get(pk, [])],
                )
                title, summary = texts.get(pk, ("", ""))
                # As measures.content_language.localized(): English where a text is blank.
                if title.strip():
                    row.title = title
                if summary.strip():
                    row.summary = summary
                yield row

    def _related_ids(self, relation, ids):
        """{measure id: ids of its related rows, in the related model's order}."""
        field = Measure._meta.get_field(relation)
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        related = {}
        links = (
            field.remote_field.through.objects.filter(**{f"{own}__in": ids})
            .order_by(*[f"{other}__{name}" for name in field.related_model._meta.ordering])
            .values_list(f"{own}_id", f"{other}_id")
        )
        for measure_id, related_id in links:
            related.setdefault(measure_id, []).append(related_id)
        return related

    def _translated_texts(self, ids):
        """{measure id: (title, summary)} of the measures translated into the page's language."""
        if self.language is None:
            return {}
        rows = MeasureTranslation.objects.filter(
            measure_id__in=ids, language=self.language
        ).values_list("measure_id", "title", "summary")
        return {pk: (title, summary) for pk, title, summary in rows}


class Echo:
    """A file that hands back what is written to it, for csv.writer to stream through."""

    def write(self, value):
        return value


def in_language(language, chunks):
    """`chunks`, produced with `language` active: they are made after the view returned."""
    with translation.override(language):
        yield from chunks


def csv_chunks(measures, represent):
    """The rows of the JSON download, flattened into the representation's TABLE_COLUMNS."""
    table = Table()
    out = csv.writer(Echo())
    yield BOM + out.writerow([str(label) for label in table.header])
    for row in ExportReader(measures):
        yield out.writerow([spreadsheet_cell(cell) for cell in table.row(represent.measure(row))])


def json_chunks(measures, represent, list_url):
    """The measures as the API lists them, all of them, with the licence they are under."""
    named = json.dumps(license_named())
    yield f'{{"list_url": {json.dumps(list_url)}, "license": {named}, "results": ['
    separator = ""
    for row in ExportReader(measures):
        yield separator + json.dumps(represent.measure(row), cls=DjangoJSONEncoder)
        separator = ","
    yield "]}"


def download(chunks, content_type, extension):
    response = StreamingHttpResponse(
        in_language(translation.get_language(), chunks), content_type=content_type
    )
    filename = f"next2met-measures-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Link"] = license_link()
    return response


def _export_csv(request):
    chunks = csv_chunks(filtered_measures(request), Representer())
    return download(chunks, "text/csv; charset=utf-8", "csv")


def _export_json(request):
    filterset = filtered(request)
    query = filterset.canonical_query()
    list_path = reverse("measures:list") + (f"?{query}" if query else "")
    chunks = json_chunks(filterset.qs, Representer(), absolute_url(list_path))
    return download(chunks, "application/json", "json")


def download_query(request):
    """The query string naming a download: the filters in force, as the list writes them.

    Empty values, a sort that is the default, repeated or reordered parameters and
    ones the list does not know name the same download, which is made only once.
    """
    return filtered(request).canonical_query(page=None)


export_csv = require_safe(cached_download(_export_csv, canonical=download_query))
export_json = require_safe(cached_download(_export_json, canonical=download_query))
