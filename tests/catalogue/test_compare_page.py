"""The comparison page: chosen measures side by side, field by field, from a shareable address."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.conftest import UNPUBLISHED_STATES
from tests.factories import CategoryFactory, MeasureFactory, TargetGroupFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

URL = "/en/compare/"
ROWS = [
    "Summary",
    "Region",
    "Partner",
    "Themes",
    "Target groups",
    "Years",
    "Status in reality",
    "Evidence of results",
    "Budget",
    "Staff",
    "Duration",
    "Funding sources",
    "Results in figures",
    "Funding",
    "Problem addressed",
    "Resources needed",
    "Evidence of success",
    "Difficulties encountered",
    "Potential for learning or transfer",
]


@pytest.fixture
def measures(partnership):
    care = CategoryFactory(name="E-health and home care")
    skills = CategoryFactory(name="Digital skills")
    return {
        "care": MeasureFactory(
            title="Remote home care unit",
            slug="remote-care",
            summary="Nurses visit by video.",
            region=partnership["paijat-hame"],
            categories=[care],
            target_groups=[TargetGroupFactory(name="Older people")],
            start_year=2016,
            end_year=None,
            implementation=Measure.Implementation.RUNNING,
            funding="Regional health budget",
            problem="Long distances to patients.",
            resources="Twelve nurses.",
            evidence="5,300 visits a month.",
            difficulties="",
            transfer_potential="Any county with home care.",
        ),
        "house": MeasureFactory(
            title="House of Digitalisation",
            slug="house",
            summary="A network of digital nodes.",
            region=partnership["lower-austria"],
            categories=[skills],
            start_year=2017,
            end_year=2022,
            implementation=Measure.Implementation.COMPLETED,
            funding="",
            problem="Firms lack digital skills.",
            resources="EUR 33.5 million.",
            evidence="55,000 visitors.",
            difficulties="Building permits took long.",
            transfer_potential="",
        ),
        "iot": MeasureFactory(
            title="Smart region platform",
            slug="iot",
            summary="A shared IoT platform.",
            region=partnership["barcelona-province"],
            categories=[skills, care],
            start_year=None,
            implementation="",
        ),
        "fibre": MeasureFactory(
            title="Open-access fibre", slug="fibre", region=partnership["lower-austria"]
        ),
    }


def table(page):
    """{"columns": [measure titles], "rows": [(field, [cell texts])]} of the comparison."""
    element = page.find("table", cls="compare-table")
    columns = [th.find("a").text for th in element.find("thead").find_all("th")]
    rows = [
        (row.find("th").text, [cell.text for cell in row.find_all("td")])
        for row in element.find("tbody").find_all("tr")
    ]
    return {"columns": columns, "rows": rows}


def notice(page):
    found = page.find_all("div", cls="notice--warning")
    return found[0].text if found else ""


def test_compare_page_address_is_pinned():
    assert reverse("measures:compare") == URL


def test_chosen_measures_are_shown_side_by_side_in_the_order_chosen(client, measures):
    page = parse(client.get(f"{URL}?m=house&m=remote-care&m=iot"))

    compared = table(page)
    assert compared["columns"] == [
        "House of Digitalisation",
        "Remote home care unit",
        "Smart region platform",
    ]
    assert page.find("h1").text == "Compare measures"
    assert notice(page) == ""


def test_every_field_is_a_row_with_one_cell_per_measure_in_column_order(client, measures):
    page = parse(client.get(f"{URL}?m=house&m=remote-care&m=iot"))

    rows = dict(table(page)["rows"])
    assert list(rows) == ROWS
    assert all(len(cells) == 3 for cells in rows.values())
    assert rows["Summary"] == [
        "A network of digital nodes.",
        "Nurses visit by video.",
        "A shared IoT platform.",
    ]
    assert rows["Region"] == [
        "Lower Austria Austria",
        "Päijät-Häme Finland",
        "Province of Barcelona Spain",
    ]
    assert rows["Partner"] == [
        "Partner in Lower Austria",
        "Partner in Päijät-Häme",
        "Partner in Province of Barcelona",
    ]
    assert rows["Themes"] == [
        "Digital skills",
        "E-health and home care",
        "E-health and home care Digital skills",
    ]
    # Whatever is missing says so in the site's one wording for it.
    assert rows["Target groups"] == ["Not documented", "Older people", "Not documented"]
    assert rows["Years"] == ["2017–2022", "since 2016", "Not documented"]
    assert rows["Status in reality"] == ["Completed", "Running", "Not documented"]
    # An empty text says so in the site's one wording for it.
    assert rows["Funding"] == ["Not documented", "Regional health budget", "Not documented"]
    assert rows["Problem addressed"] == [
        "Firms lack digital skills.",
        "Long distances to patients.",
        "Not documented",
    ]
    assert rows["Resources needed"] == ["EUR 33.5 million.", "Twelve nurses.", "Not documented"]
    assert rows["Evidence of success"] == [
        "55,000 visitors.",
        "5,300 visits a month.",
        "Not documented",
    ]
    assert rows["Difficulties encountered"] == [
        "Building permits took long.",
        "Not documented",
        "Not documented",
    ]
    assert rows["Potential for learning or transfer"] == [
        "Not documented",
        "Any county with home care.",
        "Not documented",
    ]


def test_field_names_are_row_headers_and_measures_column_headers(client, measures):
    page = parse(client.get(f"{URL}?m=house&m=remote-care"))

    element = page.find("table", cls="compare-table")
    assert {th.attrs["scope"] for th in element.find("thead").find_all("th")} == {"col"}
    assert {th.attrs["scope"] for th in element.find("tbody").find_all("th")} == {"row"}
    scroller = page.find("div", cls="compare-scroll")
    assert scroller.attrs["role"] == "region"
    assert scroller.attrs["tabindex"] == "0"
    assert page.find(id=scroller.attrs["aria-labelledby"]).tag == "caption"


def test_more_than_three_measures_compares_the_first_three_and_says_so(client, measures):
    page = parse(client.get(f"{URL}?m=fibre&m=house&m=remote-care&m=iot"))

    assert table(page)["columns"] == [
        "Open-access fibre",
        "House of Digitalisation",
        "Remote home care unit",
    ]
    message = notice(page)
    assert "At most three measures can be compared at a time" in message
    assert "Smart region platform" in message


def test_unknown_slug_is_reported_and_the_valid_measures_are_compared(client, measures):
    page = parse(client.get(f"{URL}?m=house&m=no-such-measure&m=iot"))

    assert table(page)["columns"] == ["House of Digitalisation", "Smart region platform"]
    assert "No published measure has this address" in notice(page)
    assert "no-such-measure" in notice(page)


@pytest.mark.parametrize("state", UNPUBLISHED_STATES, ids=str)
def test_unpublished_measure_is_reported_like_an_unknown_one(client, measures, partnership, state):
    MeasureFactory(
        title="Secret draft",
        slug="secret",
        region=partnership["podlaskie"],
        status=state,
        published_at=None,
    )

    response = client.get(f"{URL}?m=house&m=secret&m=iot")

    page = parse(response)
    assert table(page)["columns"] == ["House of Digitalisation", "Smart region platform"]
    assert "No published measure has this address" in notice(page)
    assert "Secret draft" not in response.content.decode()


def test_one_measure_explains_how_to_pick_more(client, measures):
    page = parse(client.get(f"{URL}?m=remote-care"))

    assert page.find_all("table") == []
    how = page.find("div", cls="compare__how")
    assert "Only one measure chosen" in how.text
    assert "Tick “Compare” on the cards of two or three measures." in how.text
    assert how.find("a").attrs["href"] == "/en/measures/"


@pytest.mark.parametrize("query", ["", "?m=", "?m=nothing-here", "?other=1"])
def test_no_measure_explains_how_to_pick_them(client, measures, query):
    page = parse(client.get(URL + query))

    assert page.find_all("table") == []
    assert "Choose measures to compare" in page.find("div", cls="compare__how").text


@pytest.mark.parametrize(
    "query",
    [
        "?m=house&m=house&m=iot",
        "?m=%20house%20&m=iot",
        "?m=house&m=iot&m=" + "x" * 5000,
        "?m=house&m=iot&m=%3Cscript%3E",
        "?" + "&".join(["m=nope"] * 50) + "&m=house&m=iot",
    ],
)
def test_odd_addresses_never_fail(client, measures, query):
    response = client.get(URL + query)

    assert response.status_code == 200
    assert b"<script>" not in response.content
    assert "House of Digitalisation" in response.content.decode()


def test_a_measure_chosen_twice_is_compared_once(client, measures):
    page = parse(client.get(f"{URL}?m=house&m=house&m=iot"))

    assert table(page)["columns"] == ["House of Digitalisation", "Smart region platform"]
    assert notice(page) == ""


def test_remove_link_keeps_the_other_measures(client, measures):
    page = parse(client.get(f"{URL}?m=house&m=remote-care&m=iot"))

    removes = page.find_all("a", cls="compare-table__remove")
    queries = [parse_qs(urlsplit(link.attrs["href"]).query).get("m") for link in removes]
    assert queries == [["remote-care", "iot"], ["house", "iot"], ["house", "remote-care"]]


def test_share_link_names_only_the_compared_measures(client, measures):
    page = parse(client.get(f"{URL}?m=house&m=nope&m=iot"))

    share = page.find("p", cls="compare__share").find("a").attrs["href"]
    assert share == "/en/compare/?m=house&m=iot"


def test_with_room_left_related_measures_are_offered_to_add(client, measures):
    page = parse(client.get(f"{URL}?m=remote-care"))

    suggestions = page.find("section", cls="compare__suggestions")
    titles = [card.find("h3").text for card in suggestions.find_all("article", cls="card")]
    assert titles == ["Smart region platform"]
    form = suggestions.find("form", id="compare-form")
    kept = [field.attrs["value"] for field in form.find_all("input", type="hidden", name="m")]
    assert kept == ["remote-care"]
    # The ticked suggestions and the compared measures become the whole choice.
    assert form.find("input", type="hidden", name="replace").attrs["value"] == "1"


def test_compare_page_refuses_post(client, measures):
    assert client.post(f"{URL}?m=house&m=iot").status_code == 405
