"""The statistics page: published measures per region, theme, start year and status in reality.

Each breakdown is one query, counted over `Measure.objects.published()` only,
and becomes a `Chart`: rows of label, count, bar length and, where the measure
list has a matching filter, the address of that filtered list. The template
draws each chart as SVG bars and repeats the numbers in a table.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from measures.catalogue.svg_text import wrap_text
from measures.catalogue.uptake import uptake_per_region
from measures.content_language import localized
from measures.models import Category, Measure, Region
from measures.models.documentation import NOT_DOCUMENTED

# Of the chart's width, the longest bar takes this share; the rest is for its number.
LONGEST_BAR = 82.0
# Pixels: a row is its label (one or more lines), then its bar, then a gap.
LABEL_SIZE = 15
LABEL_LINE = 19
BAR_HEIGHT = 16
ROW_GAP = 8
# Labels wider than this (as estimated, about 10 % over) go on more lines: 288 pixels
# is what a 320-pixel-wide page (a 1280-pixel window at 400 % zoom) leaves beside its
# margins, and German names are long (WCAG 1.4.10, reflow).
MAX_LABEL_WIDTH = 288


@dataclass
class Row:
    label: str
    count: int
    url: str = ""
    percent: float = 0.0
    top: int = 0
    lines: list = field(default_factory=list)

    def __post_init__(self):
        self.lines = wrap_text(str(self.label), LABEL_SIZE, MAX_LABEL_WIDTH)

    @property
    def label_lines(self):
        """(text, baseline) of each line of the label."""
        return [(line, self.top + 15 + n * LABEL_LINE) for n, line in enumerate(self.lines)]

    @property
    def bar_top(self):
        return self.top + len(self.lines) * LABEL_LINE + 3

    @property
    def value_y(self):
        return self.bar_top + 13

    @property
    def height(self):
        return len(self.lines) * LABEL_LINE + 3 + BAR_HEIGHT + ROW_GAP


@dataclass
class Chart:
    slug: str
    title: str
    column: str
    rows: list = field(default_factory=list)
    bar_height = BAR_HEIGHT

    def __post_init__(self):
        largest = max((row.count for row in self.rows), default=0)
        top = 0
        for row in self.rows:
            row.percent = round(LONGEST_BAR * row.count / largest, 2) if largest else 0.0
            row.top = top
            top += row.height

    @property
    def height(self):
        return sum(row.height for row in self.rows)

    @property
    def total(self):
        return sum(row.count for row in self.rows)


def list_url(**params):
    return reverse("measures:list") + "?" + urlencode(params)


def by_region(regions):
    rows = [
        Row(localized(region, "name"), region.published_count, list_url(region=region.slug))
        for region in regions
    ]
    return Chart("region", _("Published measures per region"), _("Region"), rows)


def by_theme():
    themes = Category.objects.with_measure_counts().order_by("-published_count", "position")
    rows = [
        Row(localized(theme, "name"), theme.published_count, list_url(theme=theme.slug))
        for theme in themes
    ]
    return Chart("theme", _("Published measures per theme"), _("Theme"), rows)


def published_counts(field_name):
    """{value of `field_name`: number of published measures with it}."""
    return dict(
        Measure.objects.published()
        .order_by()
        .values_list(field_name)
        .annotate(n=Count("pk"))
        .values_list(field_name, "n")
    )


def by_start_year():
    counts = published_counts("start_year")
    unknown = counts.pop(None, 0)
    rows = [
        Row(str(year), n, list_url(year_from=year, year_to=year))
        for year, n in sorted(counts.items())
    ]
    if unknown:
        # The list cannot filter on a missing year, so this bar links nowhere.
        rows.append(Row(str(NOT_DOCUMENTED), unknown))
    return Chart("year", _("Published measures per start year"), _("Start year"), rows)


def by_implementation():
    counts = published_counts("implementation")
    rows = [
        Row(str(label).capitalize(), counts.get(value, 0))
        for value, label in Measure.Implementation.choices
    ]
    if counts.get(""):
        rows.append(Row(str(NOT_DOCUMENTED), counts[""]))
    return Chart(
        "implementation",
        _("Published measures per status in reality"),
        _("Status in reality"),
        rows,
    )


@require_safe
def statistics(request):
    # Every region, with its name in the page's language: for its chart and for the
    # table of solutions taken up, which names the same regions.
    regions = list(Region.objects.with_measure_counts().order_by("-published_count", "name"))
    charts = [by_region(regions), by_theme(), by_start_year(), by_implementation()]
    # Every published measure has exactly one status row (known or not).
    total = charts[-1].total
    context = {"charts": charts, "total": total, "uptake": uptake_per_region(regions)}
    return render(request, "measures/statistics.html", context)
