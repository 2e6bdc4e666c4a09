"""Importing measures from a spreadsheet in the admin, and exporting them back."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from measures.admin.spreadsheets import COLUMNS
from measures.models import Measure
from measures.review.groups import EDITORS, ensure_groups
from partners.models import Membership
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    MembershipFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/measures/measure/import/"
PROCESS_URL = "/admin/measures/measure/process_import/"
EXPORT_URL = "/admin/measures/measure/export/"
CSV_FORMAT = "0"  # the position of CSV in MeasureAdmin.formats
XLSX_FORMAT = "1"


@pytest.fixture
def catalogue():
    RegionFactory(slug="paijat-hame", name="Päijät-Häme", nuts_code="FI1C3")
    CategoryFactory(slug="digital-skills", name="Digital skills")
    CategoryFactory(slug="e-government", name="E-government")
    TargetGroupFactory(slug="older-people", name="Older people")


@pytest.fixture
def own_partner():
    return PartnerFactory(slug="witeno", name="WITENO GmbH")


@pytest.fixture
def editor(own_partner):
    from django.contrib.auth.models import Group

    ensure_groups()
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    MembershipFactory(user=user, partner=own_partner, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def good_row(**overrides):
    row = {
        "slug": "",
        "title": "Coding club for seniors",
        "summary": "Weekly sessions where older residents learn to use e-services.",
        "region": "paijat-hame",
        "themes": "digital-skills; e-government",
        "target_groups": "older-people",
        "start_year": "2021",
        "implementation": "running",
    }
    return {**row, **overrides}


def csv_file(rows, name="measures.csv"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(column, "") for column in COLUMNS])
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("measures.xlsx", data.getvalue())


def preview(client, partner, upload, file_format=CSV_FORMAT):
    return client.post(
        IMPORT_URL,
        {"import_file": upload, "format": file_format, "partner": partner.pk, "resource": "0"},
    )


def confirm(client, preview_response):
    form = preview_response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(PROCESS_URL, data)


def test_editor_previews_then_imports_a_good_sheet_as_drafts(editor_client, catalogue, own_partner):
    response = preview(
        editor_client, own_partner, csv_file([good_row(), good_row(title="Tablet loan")])
    )

    assert response.status_code == 200
    assert response.context["result"].has_errors() is False
    assert Measure.objects.count() == 0, "the preview writes nothing"

    response = confirm(editor_client, response)

    assert response.status_code == 302
    measures = Measure.objects.order_by("title")
    assert [m.title for m in measures] == ["Coding club for seniors", "Tablet loan"]
    for measure in measures:
        assert measure.status == Measure.Status.DRAFT
        assert measure.partner == own_partner
        assert sorted(measure.categories.values_list("slug", flat=True)) == [
            "digital-skills",
            "e-government",
        ]
        assert list(measure.target_groups.values_list("slug", flat=True)) == ["older-people"]


def test_an_xlsx_sheet_imports_like_a_csv_sheet(editor_client, catalogue, own_partner):
    response = preview(editor_client, own_partner, xlsx_file([good_row()]), XLSX_FORMAT)
    confirm(editor_client, response)

    assert Measure.objects.get().title == "Coding club for seniors"


def test_a_bad_row_is_reported_by_row_and_nothing_is_written(editor_client, catalogue, own_partner):
    rows = [
        good_row(),
        good_row(title="Broken", region="atlantis", themes="", start_year="1066"),
    ]
    response = preview(editor_client, own_partner, csv_file(rows))

    result = response.context["result"]
    assert result.has_validation_errors()
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [2]
    errors = invalid[0].field_specific_errors
    assert "Unknown region “atlantis”" in " ".join(errors["region"])
    assert "Give at least one theme." in errors["categories"]
    assert "start_year" in errors
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Measure.objects.count() == 0


def test_unknown_theme_slugs_are_named_in_the_error(editor_client, catalogue, own_partner):
    response = preview(
        editor_client, own_partner, csv_file([good_row(themes="digital-skills; nope")])
    )

    errors = response.context["result"].invalid_rows[0].field_specific_errors
    assert "Unknown: nope." in errors["categories"][0]
    assert Measure.objects.count() == 0


def test_editor_cannot_import_for_another_partner(editor_client, catalogue):
    other = PartnerFactory(slug="diba")

    response = preview(editor_client, other, csv_file([good_row()]))

    assert "partner" in response.context["form"].errors
    assert Measure.objects.count() == 0


def test_a_row_cannot_overwrite_another_partners_measure(editor_client, catalogue, own_partner):
    theirs = MeasureFactory(slug="their-measure", status=Measure.Status.DRAFT, published_at=None)

    response = preview(editor_client, own_partner, csv_file([good_row(slug="their-measure")]))

    errors = response.context["result"].invalid_rows[0].field_specific_errors
    # Answered as a slug no measure has: the editor may not learn of the other's draft.
    assert "No measure of WITENO GmbH has the slug “their-measure”." in errors["slug"][0]
    theirs.refresh_from_db()
    assert theirs.title != "Coding club for seniors"


def test_a_published_measure_cannot_be_changed_by_import(editor_client, catalogue, own_partner):
    region = RegionFactory(partner=own_partner)
    MeasureFactory(slug="live-one", region=region, partner=own_partner)

    response = preview(editor_client, own_partner, csv_file([good_row(slug="live-one")]))

    errors = response.context["result"].invalid_rows[0].field_specific_errors
    assert "cannot be changed by import" in errors["slug"][0]


def test_export_then_import_round_trips_a_draft(editor_client, catalogue, own_partner):
    response = preview(editor_client, own_partner, csv_file([good_row(description="First text")]))
    confirm(editor_client, response)

    exported = editor_client.post(EXPORT_URL, {"format": CSV_FORMAT, "resource": "0"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert list(rows[0]) == COLUMNS
    assert rows[0]["themes"] == "digital-skills; e-government"

    rows[0]["description"] = "Second text"
    response = preview(editor_client, own_partner, csv_file(rows))
    confirm(editor_client, response)

    measure = Measure.objects.get()
    assert measure.description == "Second text"
    assert measure.status == Measure.Status.DRAFT


def test_export_holds_only_the_editors_own_measures(editor_client, catalogue, own_partner):
    region = RegionFactory(partner=own_partner)
    MeasureFactory(title="Ours", region=region, partner=own_partner)
    MeasureFactory(title="Someone else's")

    exported = editor_client.post(EXPORT_URL, {"format": XLSX_FORMAT, "resource": "0"})

    sheet = load_workbook(io.BytesIO(exported.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["Ours"]
