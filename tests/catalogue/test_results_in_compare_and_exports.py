"""Results and resources in the comparison, the downloads, the API and the spreadsheets."""

import csv
import io
import json
import re

import pytest

from measures.models import Measure
from tests.admin.test_spreadsheet_import import (  # the admin import's own helpers
    CSV_FORMAT,
    EXPORT_URL,
    confirm,
    csv_file,
    good_row,
    preview,
)
from tests.factories import IndicatorFactory, LineageFactory, MeasureFactory

pytestmark = pytest.mark.django_db


# Tags inside a line of text, which a reader sees no gap for.
INLINE_TAGS = re.compile(r"</?(?:span|strong|em|abbr|a)\b[^>]*>")


def cell_text(cell):
    """A cell's text as read: inline tags removed, other tags (lists, paragraphs) a space."""
    return " ".join(re.sub(r"<[^>]+>", " ", INLINE_TAGS.sub("", cell)).split())


def compare_rows(html):
    """Row label → the text of its cells, tags removed."""
    rows = {}
    for label, cells in re.findall(
        r'<tr>\s*<th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S | re.M
    ):
        texts = re.findall(r"<td>(.*?)</td>", cells, re.S)
        rows[label.strip()] = [cell_text(t) for t in texts]
    return rows


def test_comparison_sets_results_and_resources_side_by_side(client, consultations, criterion):
    IndicatorFactory(measure=criterion, name="Applicants", unit="", target=40, achieved=None)

    html = client.get(
        "/en/compare/?m=digital-consultations&m=consultation-criterion"
    ).content.decode()

    rows = compare_rows(html)
    assert rows["Evidence of results"] == ["Anecdotal", "Monitored"]
    assert rows["Budget"] == ["Under €50,000", "Over €1 million"]
    # A missing fact says Not documented, as everywhere else in the catalogue.
    assert rows["Staff"] == ["Part of one person&#x27;s time", "Not documented"]
    assert rows["Duration"] == ["Not documented", "20 months"]
    assert rows["Funding sources"] == ["Own budget", "ERDF, National government"]
    assert rows["Results in figures"] == [
        "Survey responses: 5,300 responses (May 2021)",
        "Applicants: target 40",
    ]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_has_the_structured_columns_in_words(client, criterion):
    [row] = csv_rows(client.get("/en/measures/export.csv"))

    assert row["Evidence of results"] == "Monitored"
    assert row["Budget"] == "Over €1 million"
    assert row["Staff"] == ""
    assert row["Duration in months"] == "20"
    assert row["Funding sources"] == "ERDF; National government"


def test_json_export_and_api_list_have_the_structured_fields_as_codes(client, criterion):
    export = json.loads(b"".join(client.get("/en/measures/export.json").streaming_content))
    [listed] = client.get("/api/measures/").json()["results"]

    expected = {
        "evidence_level": "monitored",
        "budget_band": "over-1m",
        "staff_effort": None,
        "duration_months": 20,
        "funding_sources": ["erdf", "national"],
    }
    for data in (export["results"][0], listed):
        assert {key: data[key] for key in expected} == expected


def test_api_detail_has_indicators_and_lineage_both_ways(client, transfer):
    origin = client.get("/api/measures/digital-consultations/").json()
    adapted = client.get("/api/measures/consultation-criterion/").json()

    assert origin["indicators"] == [
        {
            "name": "Survey responses",
            "unit": "responses",
            "baseline": None,
            "target": None,
            "achieved": 5300,
            "achieved_qualifier": None,
            "achieved_on": "2021-05-01",
            "achieved_on_precision": "month",
        }
    ]
    assert origin["origins"] == []
    [adaptation] = origin["adaptations"]
    assert adaptation["kind"] == "inspired"
    assert adaptation["measure"]["slug"] == "consultation-criterion"
    assert adaptation["measure"]["region"]["slug"] == "podlaskie"
    [came_from] = adapted["origins"]
    assert came_from["measure"]["url"] == "http://testserver/en/measures/digital-consultations/"
    assert came_from["changes"] == "A criterion in a call instead of a consultation of one council."
    assert came_from["name"] is None


def test_api_says_when_an_achieved_figure_is_a_lower_bound(client, criterion):
    IndicatorFactory(
        measure=criterion, name="Sensors", achieved=14000, achieved_qualifier="more-than"
    )

    [indicator] = client.get("/api/measures/consultation-criterion/").json()["indicators"]

    assert (indicator["achieved"], indicator["achieved_qualifier"]) == (14000, "more-than")


def test_api_detail_does_not_reveal_an_unpublished_origin(client, transfer, consultations):
    Measure.objects.filter(pk=consultations.pk).update(status=Measure.Status.DRAFT)

    data = client.get("/api/measures/consultation-criterion/").json()

    assert data["origins"] == []
    assert "digital-consultations" not in json.dumps(data)


def test_api_detail_names_an_outside_origin(client, criterion):
    LineageFactory(
        measure=criterion,
        origin=None,
        origin_name="Digibale",
        origin_place="Häme, Finland",
        origin_url="https://example.org/digibale",
    )

    [origin] = client.get("/api/measures/consultation-criterion/").json()["origins"]

    assert origin["measure"] is None
    assert (origin["name"], origin["place"], origin["url"]) == (
        "Digibale",
        "Häme, Finland",
        "https://example.org/digibale",
    )


# The spreadsheet import and export of the admin, with the helpers of its own tests.


@pytest.fixture
def sheet_catalogue():
    from tests.factories import CategoryFactory, RegionFactory, TargetGroupFactory

    RegionFactory(slug="paijat-hame", name="Päijät-Häme", nuts_code="FI1C3")
    CategoryFactory(slug="digital-skills", name="Digital skills")
    CategoryFactory(slug="e-government", name="E-government")
    TargetGroupFactory(slug="older-people", name="Older people")


@pytest.fixture
def own_partner():
    from tests.factories import PartnerFactory

    return PartnerFactory(slug="witeno", name="WITENO GmbH")


@pytest.fixture
def editor_client(client, own_partner):
    from django.contrib.auth.models import Group

    from measures.review.groups import EDITORS, ensure_groups
    from partners.models import Membership
    from tests.factories import MembershipFactory, UserFactory

    ensure_groups()
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    MembershipFactory(user=user, partner=own_partner, role=Membership.Role.EDITOR)
    client.force_login(user)
    return client


@pytest.mark.usefixtures("sheet_catalogue")
def test_spreadsheet_import_sets_the_structured_fields(editor_client, own_partner):
    row = good_row(
        evidence_level="monitored",
        budget_band="250k-1m",
        staff_effort="small-team",
        duration_months="36",
        funding_sources="erdf; own-budget",
    )

    response = preview(editor_client, own_partner, csv_file([row]))
    assert response.context["result"].has_errors() is False
    confirm(editor_client, response)

    measure = Measure.objects.get()
    assert (measure.evidence_level, measure.budget_band, measure.staff_effort) == (
        "monitored",
        "250k-1m",
        "small-team",
    )
    assert measure.duration_months == 36
    assert [source.value for source in measure.funding_sources] == ["erdf", "own-budget"]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("funding_sources", "erdf; lottery", "Unknown funding source: lottery"),
        ("budget_band", "cheap", "not a valid choice"),
        ("evidence_level", "great", "not a valid choice"),
        ("duration_months", "a year", "is not a whole number of months"),
        ("duration_months", "2.5", "is not a whole number of months"),
        ("duration_months", "inf", "is not a whole number of months"),
        ("duration_months", "0", "Ensure this value is greater than or equal to 1"),
        ("start_year", "since 2019", "is not a year"),
        ("end_year", "2021-22", "is not a year"),
    ],
)
@pytest.mark.usefixtures("sheet_catalogue")
def test_a_bad_structured_value_is_a_row_error(editor_client, own_partner, column, value, message):
    response = preview(editor_client, own_partner, csv_file([good_row(**{column: value})]))

    result = response.context["result"]
    assert result.has_validation_errors() or result.has_errors()
    assert message in response.content.decode()
    assert not Measure.objects.exists()


@pytest.mark.usefixtures("sheet_catalogue")
def test_spreadsheet_export_writes_the_structured_columns(editor_client, own_partner):
    from tests.factories import RegionFactory

    MeasureFactory(
        region=RegionFactory(partner=own_partner),
        partner=own_partner,
        status=Measure.Status.DRAFT,
        published_at=None,
        evidence_level="evaluated",
        funding_private=True,
        funding_regional=True,
    )

    exported = editor_client.post(EXPORT_URL, {"format": CSV_FORMAT, "resource": "0"})

    [row] = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert row["evidence_level"] == "evaluated"
    assert row["funding_sources"] == "regional; private"
    assert row["budget_band"] == ""
