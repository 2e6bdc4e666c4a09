"""A measure's page shows its results in figures, evidence level and resources."""

import datetime
import re

import pytest

from tests.factories import IndicatorFactory, MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


def results_table(html):
    start = html.index('<table class="results-table">')
    return html[start : html.index("</table>", start)]


def header_cells(table):
    return re.findall(r'<th scope="col">([^<]*)</th>', table)


def test_detail_shows_results_as_a_table_with_caption_and_scoped_headers(client, consultations):
    IndicatorFactory(
        measure=consultations,
        name="Municipalities taking part",
        unit="municipalities",
        target=311,
        achieved=67,
        achieved_on=datetime.date(2025, 1, 1),
        achieved_on_precision="year",
        position=1,
    )

    html = client.get("/en/measures/digital-consultations/").content.decode()

    table = results_table(html)
    assert "<caption" in table
    assert header_cells(table) == ["Indicator", "Target", "Achieved"]
    assert '<th scope="row">Survey responses</th>' in table
    assert "5,300 responses" in table
    assert "(May 2021)" in table
    assert '<th scope="row">Municipalities taking part</th>' in table
    assert "311 municipalities" in table
    assert "67 municipalities" in table
    assert "(2025)" in table
    assert 'aria-labelledby="results-heading"' in html


def test_an_empty_cell_says_not_given_to_screen_readers(client, consultations):
    IndicatorFactory(measure=consultations, name="Workshops", unit="", target=12, achieved=None)

    table = results_table(client.get("/en/measures/digital-consultations/").content.decode())

    assert header_cells(table) == ["Indicator", "Target", "Achieved"]
    assert (
        '<span aria-hidden="true">–</span><span class="visually-hidden">not given</span>' in table
    )


def test_a_figure_known_only_as_more_than_or_about_says_so(client, criterion):
    IndicatorFactory(
        measure=criterion,
        name="People reached",
        unit="people",
        achieved=30000,
        achieved_qualifier="more-than",
    )
    IndicatorFactory(
        measure=criterion, name="Events", unit="events", achieved=1000, achieved_qualifier="about"
    )

    table = results_table(client.get("/en/measures/consultation-criterion/").content.decode())

    assert "more than 30,000 people" in table
    assert "about 1,000 events" in table


def test_figures_follow_the_page_language_and_a_percentage_sits_on_its_number(client, criterion):
    IndicatorFactory(measure=criterion, name="Clients with a dispenser", unit="%", achieved="30.5")
    IndicatorFactory(measure=criterion, name="Visits", unit="visits", achieved=5300)

    german = client.get("/de/measures/consultation-criterion/").content.decode()

    assert "30,5%" in german
    assert "5.300 visits" in german


def test_detail_shows_evidence_level_as_a_label_with_its_meaning(client, criterion):
    html = client.get("/en/measures/consultation-criterion/").content.decode()

    assert '<span class="evidence-label evidence-label--monitored">Monitored</span>' in html
    assert "Results are counted and reported, such as users, visits or money paid out." in html


def test_detail_shows_budget_staff_duration_and_funding_sources(client, consultations, criterion):
    origin = client.get("/en/measures/digital-consultations/").content.decode()
    adapted = client.get("/en/measures/consultation-criterion/").content.decode()

    assert "Under €50,000" in origin
    assert "Part of one person&#x27;s time" in origin
    assert "<dt>Funding</dt><dd>Own budget</dd>" in origin
    assert "Over €1 million" in adapted
    assert "20 months" in adapted
    assert "<dt>Funding</dt><dd>ERDF, National government</dd>" in adapted


def test_a_measure_without_structured_facts_says_they_are_not_documented(client):
    measure = MeasureFactory(title="Plain measure", start_year=None, implementation="")

    response = client.get(f"/en/measures/{measure.slug}/")
    page = parse(response)

    strip = {
        fact.find("dt").text: fact.find("dd").text
        for fact in page.find("section", cls="facts-strip").find_all("div", cls="facts-strip__fact")
    }
    for label in ["Years", "Status", "Budget", "Evidence of results", "Funding"]:
        assert strip[label] == "Not documented", label
    note = page.find("p", cls="facts-strip__note").text
    assert note.startswith("Not documented")
    assert "Nothing is known about this yet" in note
    html = response.content.decode()
    assert "<dt>Duration</dt>" not in html, "no planned end is not a missing fact"
    assert "Results in figures" not in html
    assert "results-table" not in html
