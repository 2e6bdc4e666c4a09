"""The statistics page: published measures per region, theme, start year and status."""

import re

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.conftest import UNPUBLISHED_STATES
from tests.factories import CategoryFactory, MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

URL = "/en/statistics/"
RUNNING, COMPLETED = Measure.Implementation.RUNNING, Measure.Implementation.COMPLETED


@pytest.fixture
def known_set(partnership):
    """Five published measures whose counts are known; a sixth region has none."""
    care = CategoryFactory(name="E-health and home care", slug="e-health-care", position=1)
    skills = CategoryFactory(name="Digital skills", slug="digital-skills", position=2)
    CategoryFactory(name="Smart agriculture", slug="agriculture", position=3)
    lahti, krems, rostock = (
        partnership["paijat-hame"],
        partnership["lower-austria"],
        partnership["mecklenburg-vorpommern"],
    )
    MeasureFactory(region=lahti, categories=[care], start_year=2016, implementation=RUNNING)
    MeasureFactory(region=lahti, categories=[care, skills], start_year=2020, implementation="")
    MeasureFactory(region=lahti, categories=[skills], start_year=None, implementation=COMPLETED)
    MeasureFactory(region=krems, categories=[skills], start_year=2020, implementation=RUNNING)
    MeasureFactory(region=rostock, categories=[care], start_year=None, implementation=RUNNING)
    return partnership


EXPECTED = {
    "region": {
        "Päijät-Häme": 3,
        "Lower Austria": 1,
        "Mecklenburg-Western Pomerania": 1,
        "Eastern and Midland Region": 0,
        "Podlaskie Voivodeship": 0,
        "Province of Barcelona": 0,
    },
    "theme": {"Digital skills": 3, "E-health and home care": 3, "Smart agriculture": 0},
    "year": {"2016": 1, "2020": 2, "Not documented": 2},
    "implementation": {"Planned": 0, "Running": 3, "Completed": 1, "Not documented": 1},
}


def table_counts(page, slug):
    section = page.find("section", **{"aria-labelledby": f"{slug}-heading"})
    rows = section.find("table", cls="data-table").find("tbody").find_all("tr")
    return {row.find("th").text: int(row.find("td").text) for row in rows}


def chart_counts(page, slug):
    section = page.find("section", **{"aria-labelledby": f"{slug}-heading"})
    bars = section.find("svg", cls="chart").find_all(cls="chart__row")
    return {
        bar.find("text", cls="chart__label").text.replace("- ", "-"): int(
            bar.find("text", cls="chart__value").text
        )
        for bar in bars
    }


def chart_links(page, slug):
    section = page.find("section", **{"aria-labelledby": f"{slug}-heading"})
    rows = section.find("svg", cls="chart").find_all(cls="chart__row")
    return {row.find("text", cls="chart__label").text: row.attrs.get("href") for row in rows}


def test_statistics_address_is_pinned():
    assert reverse("measures:statistics") == URL


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_table_shows_the_known_numbers(client, known_set, slug):
    page = parse(client.get(URL))

    assert table_counts(page, slug) == EXPECTED[slug]


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_chart_and_table_agree(client, known_set, slug):
    page = parse(client.get(URL))

    assert chart_counts(page, slug) == table_counts(page, slug)


def test_total_counts_each_published_measure_once(client, known_set):
    page = parse(client.get(URL))

    assert "The catalogue holds 5 published measures." in page.find("p", cls="lede").text


@pytest.mark.parametrize("state", UNPUBLISHED_STATES, ids=str)
def test_unpublished_measures_are_not_counted(client, known_set, state):
    MeasureFactory(
        region=known_set["podlaskie"],
        categories=[CategoryFactory(name="Hidden theme")],
        start_year=1999,
        implementation=Measure.Implementation.PLANNED,
        status=state,
        published_at=None,
    )

    page = parse(client.get(URL))

    for slug, expected in EXPECTED.items():
        counts = table_counts(page, slug)
        assert chart_counts(page, slug) == counts
        if slug == "theme":
            assert counts.pop("Hidden theme") == 0
        assert counts == expected
    assert "The catalogue holds 5 published measures." in page.find("p", cls="lede").text


def test_bars_are_longest_for_the_largest_count(client, known_set):
    page = parse(client.get(URL))

    section = page.find("section", **{"aria-labelledby": "region-heading"})
    widths = {
        row.find("text", cls="chart__label").text: row.find("rect", cls="chart__bar").attrs["width"]
        for row in section.find("svg").find_all("a", cls="chart__row")
    }
    assert widths["Päijät-Häme"] == "82.0%"
    assert float(widths["Lower Austria"].rstrip("%")) == pytest.approx(82 / 3, abs=0.01)
    assert widths["Province of Barcelona"] == "0.0%"


def test_bars_link_to_the_list_filtered_accordingly(client, known_set):
    page = parse(client.get(URL))

    regions = chart_links(page, "region")
    assert regions["Päijät-Häme"] == "/en/measures/?region=paijat-hame"
    assert chart_links(page, "theme")["Digital skills"] == "/en/measures/?theme=digital-skills"
    years = chart_links(page, "year")
    assert years["2020"] == "/en/measures/?year_from=2020&year_to=2020"
    assert years["Not documented"] is None, "the list has no filter for a missing year"
    assert set(chart_links(page, "implementation").values()) == {None}


@pytest.mark.parametrize(
    ("slug", "label"),
    [("region", "Päijät-Häme"), ("theme", "E-health and home care"), ("year", "2020")],
)
def test_a_bar_leads_to_as_many_measures_as_it_counts(client, known_set, slug, label):
    page = parse(client.get(URL))
    href = chart_links(page, slug)[label]

    listed = client.get(href).context["paginator"].count

    assert listed == table_counts(page, slug)[label]


def test_bar_links_are_named_with_their_numbers(client, known_set):
    page = parse(client.get(URL))

    link = page.find("a", cls="chart__row", href="/en/measures/?region=paijat-hame")
    assert link.attrs["aria-label"] == "Päijät-Häme: 3 published measures"


def test_charts_are_labelled_by_their_headings(client, known_set):
    page = parse(client.get(URL))

    headings = [h2.text for h2 in page.find_all("h2")]
    assert headings == [
        "Published measures per region",
        "Published measures per theme",
        "Published measures per start year",
        "Published measures per status in reality",
        "Solutions taken up, per region",
    ]
    for svg in page.find_all("svg", cls="chart"):
        assert page.find("h2", id=svg.attrs["aria-labelledby"])
    # The table of solutions taken up, which scrolls on a phone, is named by its heading too.
    uptake = page.find("section", cls="uptake")
    assert uptake.attrs["aria-labelledby"] == "uptake-heading"
    assert page.find("h2", id="uptake-heading")
    assert len(page.find_all("h1")) == 1


def test_statistics_are_in_the_main_navigation_and_the_footer(client, known_set):
    html = client.get("/en/").content.decode()
    page = parse(client.get(URL))

    assert re.search(r'<nav class="site-nav".*?href="/en/statistics/"', html, re.S)
    assert page.find("nav", cls="site-nav").find("a", href=URL).attrs["aria-current"] == "page"
    assert page.find("footer").find("a", href=URL).text == "Statistics"


def test_empty_catalogue_shows_zeroes_and_no_year_bars(client):
    page = parse(client.get(URL))

    assert "The catalogue holds 0 published measures." in page.find("p", cls="lede").text
    assert table_counts(page, "implementation") == {"Planned": 0, "Running": 0, "Completed": 0}
    assert (
        "Nothing to count yet." in page.find("section", **{"aria-labelledby": "year-heading"}).text
    )


def test_statistics_page_refuses_post(client):
    assert client.post(URL).status_code == 405
