"""The CSV export of the measure list: every matching measure, in the list's order, for Excel."""

import csv
import io
import json

import pytest
from django.utils import timezone

from tests.catalogues import FILTER_QUERIES
from tests.factories import MeasureFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/export.csv"
BOM = "\ufeff"


def csv_text(response):
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(csv_text(response).removeprefix(BOM))))


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_csv_holds_what_the_list_page_shows_on_all_its_pages(
    client, catalogue, list_page_slugs, query
):
    expected = list_page_slugs(query)

    rows = csv_rows(client.get(f"{URL}?{query}"))

    assert [row["URL"].rstrip("/").rsplit("/", 1)[-1] for row in rows] == expected


def test_csv_of_the_unfiltered_list_holds_every_published_measure(client, catalogue):
    rows = csv_rows(client.get(URL))

    assert len(rows) == 25 > 20


def test_csv_leaves_out_an_unknown_filter_value_as_the_list_page_does(
    client, catalogue, list_page_slugs
):
    rows = csv_rows(client.get(f"{URL}?region=atlantis&theme=digital-skills"))

    assert [row["URL"].split("/")[-2] for row in rows] == list_page_slugs("theme=digital-skills")


def test_csv_starts_with_a_byte_order_mark_for_excel(client, published_measure):
    text = csv_text(client.get(URL))

    assert text.startswith(BOM + "Title,URL,Region,")


def test_csv_is_a_utf8_attachment_named_after_the_catalogue_and_the_day(client):
    response = client.get(URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="next2met-measures-{today}.csv"'
    )


def test_csv_row_has_readable_columns(client, region, theme, partner):
    measure = MeasureFactory(
        title="Remote home care unit",
        summary="Nurses visit older people at home by video, too.",
        region=region,
        partner=partner,
        categories=[theme],
        target_groups=[
            TargetGroupFactory(name="Older people", position=1),
            TargetGroupFactory(name="Carers", position=2),
        ],
        start_year=2016,
        end_year=2019,
        implementation="completed",
        website="https://www.example.fi/severi",
    )

    [row] = csv_rows(client.get(URL))

    assert row == {
        "Title": "Remote home care unit",
        "URL": f"http://testserver/en/measures/{measure.slug}/",
        "Region": "Päijät-Häme",
        "Country": "Finland",
        "Partner": "Regional Council of Päijät-Häme",
        "Themes": "E-health and home care",
        "Target groups": "Older people; Carers",
        "Start year": "2016",
        "End year": "2019",
        "Status in reality": "completed",
        "Summary": "Nurses visit older people at home by video, too.",
        "Website": "https://www.example.fi/severi",
        "Published": timezone.localdate(measure.published_at).isoformat(),
        # The structured results and resources, not stated for this measure.
        "Evidence of results": "",
        "How well documented": "",
        "Budget": "",
        "Staff": "",
        "Duration in months": "",
        "Funding sources": "",
        # No published expert opinion, no prerequisite recorded.
        "Expert opinions": "",
        "Expert rating: relevance to next-to-metropolis regions": "",
        "Expert rating: evidence of results": "",
        "Expert rating: transferability": "",
        "Expert rating: novelty": "",
        "Prerequisites": "",
    }


def test_csv_keeps_a_title_that_looks_like_a_formula_as_text(client):
    MeasureFactory(title='=HYPERLINK("http://evil.example","Click")')

    [row] = csv_rows(client.get(URL))

    assert row["Title"] == '\'=HYPERLINK("http://evil.example","Click")'


def test_csv_export_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_csv_rows_flatten_the_json_rows(client, catalogue):
    rows = csv_rows(client.get(f"{URL}?region=paijat-hame&sort=title"))

    json_rows = client.get("/en/measures/export.json?region=paijat-hame&sort=title")
    results = json.loads(b"".join(json_rows.streaming_content))["results"]
    assert [
        (row["Title"], row["URL"], row["Region"], row["Partner"], row["Themes"]) for row in rows
    ] == [
        (
            data["title"],
            data["url"],
            data["region"]["name"],
            data["partner"]["name"],
            "; ".join(theme["name"] for theme in data["themes"]),
        )
        for data in results
    ]


def test_csv_and_json_say_how_well_each_measure_is_documented(client):
    MeasureFactory(documentation_level="thinly")

    [row] = csv_rows(client.get(URL))
    data = json.loads(b"".join(client.get("/en/measures/export.json").streaming_content))

    assert row["How well documented"] == "Thinly documented"
    assert data["results"][0]["documentation_level"] == "thinly"


def test_csv_names_its_licence_in_a_header(client, settings):
    response = client.get(URL)

    assert response["Link"] == f'<{settings.CONTENT_LICENSE["url"]}>; rel="license"'
