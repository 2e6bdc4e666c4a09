"""Exports, feed, API and JSON-LD speak the page's language: translated texts where a
translation exists, English where not, links to the same language's pages."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from measures.models import (
    CategoryTranslation,
    MeasureTranslation,
    RegionTranslation,
    TargetGroupTranslation,
)
from tests.factories import CategoryFactory, MeasureFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(region, theme):
    """A measure with German title and summary, in a region, theme and target group with
    German names; and one measure in English only."""
    group = TargetGroupFactory(name="Older people", slug="older-people")
    measure = MeasureFactory(
        title="Remote home care unit",
        summary="Nurses visit older people at home by video.",
        region=region,
        categories=[theme],
        target_groups=[group],
    )
    MeasureTranslation.objects.create(
        measure=measure,
        language="de",
        title="Fernpflege-Einheit",
        summary="Pflegekräfte besuchen ältere Menschen per Video.",
        description="",
    )
    RegionTranslation.objects.create(region=region, language="de", name="Päijät-Häme (DE)")
    CategoryTranslation.objects.create(category=theme, language="de", name="E-Gesundheit")
    TargetGroupTranslation.objects.create(target_group=group, language="de", name="Ältere")
    MeasureFactory(title="Smart farming data hub", categories=[CategoryFactory()])
    return measure


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_german_csv_holds_the_german_texts_and_links(client, translated):
    text = streamed(client.get("/de/measures/export.csv?sort=title"))

    # Read by position: the column names are translated too.
    _header, german, english_only = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    assert german[:7] == [
        "Fernpflege-Einheit",
        f"http://testserver/de/measures/{translated.slug}/",
        "Päijät-Häme (DE)",
        "Finnland",
        translated.partner.name,
        "E-Gesundheit",
        "Ältere",
    ]
    assert german[10] == "Pflegekräfte besuchen ältere Menschen per Video."
    assert english_only[0] == "Smart farming data hub"


def test_german_export_holds_what_the_german_list_page_shows(client, translated):
    page = client.get("/de/measures/?theme=e-health-care")
    data = json.loads(streamed(client.get("/de/measures/export.json?theme=e-health-care")))

    assert [row["slug"] for row in data["results"]] == [m.slug for m in page.context["measures"]]
    assert data["results"][0]["title"] == "Fernpflege-Einheit"
    assert data["results"][0]["themes"][0]["name"] == "E-Gesundheit"


def test_german_export_reads_the_translations_in_a_few_queries(
    client, translated, django_assert_num_queries
):
    MeasureFactory.create_batch(5, region=translated.region)

    # 1-7 every region, partner, theme and target group, and the German names of
    # the regions, themes and target groups; 8 the measures, 9-10 the links to their
    # themes and target groups, 11 their German texts
    with django_assert_num_queries(11):
        streamed(client.get("/de/measures/export.csv"))


def test_german_feed_has_german_titles(client, translated):
    root = ET.fromstring(client.get("/de/measures/feed/").content)

    titles = [entry.text for entry in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Fernpflege-Einheit" in titles


def test_api_answers_in_the_language_the_client_asks_for(client, translated):
    response = client.get("/api/measures/?theme=e-health-care", HTTP_ACCEPT_LANGUAGE="de")

    assert response["Content-Language"] == "de"
    [measure] = response.json()["results"]
    assert measure["title"] == "Fernpflege-Einheit"
    assert measure["url"] == f"http://testserver/de/measures/{translated.slug}/"
    assert measure["region"]["name"] == "Päijät-Häme (DE)"


def test_api_answers_in_english_by_default(client, translated):
    [measure] = client.get("/api/measures/?theme=e-health-care").json()["results"]

    assert measure["title"] == "Remote home care unit"
    assert measure["url"] == f"http://testserver/en/measures/{translated.slug}/"


def test_german_measure_page_json_ld_has_the_german_title(client, translated):
    html = client.get(f"/de/measures/{translated.slug}/").content.decode()

    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["name"] == "Fernpflege-Einheit"
    assert data["inLanguage"] == "de"


def test_german_json_rows_are_the_german_api_list_rows(client, translated):
    rows = json.loads(streamed(client.get("/de/measures/export.json")))["results"]

    api = client.get("/api/measures/?page_size=100", HTTP_ACCEPT_LANGUAGE="de").json()
    assert rows == api["results"]
    german = next(row for row in rows if row["slug"] == translated.slug)
    assert german["target_groups"] == [{"slug": "older-people", "name": "Ältere"}]
