"""Whatever file an editor uploads to the spreadsheet import, the answer is an error in the page.

Hypothesis uploads random bytes as CSV or XLSX, CSV files of random cells under
the real or random column names, XLSX sheets of random cells, with odd values
in the form's other fields; and it posts odd values into the confirmation step.
No example may end in a 500, and nothing is imported from a file the preview
did not accept. Each example is rolled back.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from measures.admin.spreadsheets import COLUMNS
from measures.models import Measure
from tests.reliability.strategies import SPECIAL, values

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/measures/measure/import/"
PROCESS_URL = "/admin/measures/measure/process_import/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"
CLEAR_ANSWERS = {200, 302, 400, 403, 404}

# Cells: the vocabulary of the sheet (slugs, years, states) mixed with anything.
cell = st.one_of(
    st.sampled_from(
        ["paijat-hame", "e-services", "older-people", "running", "planned", "2021", "x"]
    ),
    st.sampled_from(SPECIAL),
    st.text(max_size=40),
)
header = st.one_of(
    st.just(COLUMNS),
    st.lists(st.sampled_from(COLUMNS), max_size=len(COLUMNS)),
    st.lists(st.text(max_size=12), max_size=6),
)
rows = st.lists(st.lists(cell, max_size=len(COLUMNS) + 2), max_size=6)
# XLSX cells cannot hold control characters; openpyxl refuses them before upload.
xlsx_cell = st.one_of(
    st.sampled_from(["paijat-hame", "e-services", "2021", "running", ""]),
    st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"]), max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
)


def csv_bytes(names, cells, encoding):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    writer.writerows(cells)
    return out.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(names, cells):
    book = Workbook()
    sheet = book.active
    sheet.append(names)
    for row in cells:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


csv_upload = st.builds(
    csv_bytes, header, rows, st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])
).map(lambda data: ("measures.csv", data, CSV_FORMAT))
xlsx_upload = st.builds(
    xlsx_bytes,
    st.just(COLUMNS),
    st.lists(st.lists(xlsx_cell, max_size=len(COLUMNS)), max_size=5),
).map(lambda data: ("measures.xlsx", data, XLSX_FORMAT))
random_upload = st.tuples(
    st.sampled_from(["measures.csv", "measures.xlsx", "sheet", "x" * 300, "../../etc/passwd"]),
    st.binary(max_size=2000),
    st.sampled_from([CSV_FORMAT, XLSX_FORMAT]),
)
uploads = st.one_of(csv_upload, xlsx_upload, random_upload)


@pytest.fixture
def reference_data(draft):
    """The region, theme and target group the sheets name: those of the editor's draft."""
    return draft


def post_and_roll_back(client, url, data):
    with transaction.atomic():
        response = client.post(url, data)
        transaction.set_rollback(True)
    return response


@given(
    upload=uploads,
    file_format=st.one_of(st.none(), values),
    partner=st.one_of(st.none(), values),
    resource=st.one_of(st.just("0"), values),
)
def test_the_import_preview_answers_any_file_clearly(
    editor_client, own_partner, reference_data, upload, file_format, partner, resource
):
    name, content, default_format = upload
    before = Measure.objects.count()

    response = post_and_roll_back(
        editor_client,
        IMPORT_URL,
        {
            "import_file": SimpleUploadedFile(name, content),
            "format": default_format if file_format is None else file_format,
            "partner": own_partner.pk if partner is None else partner,
            "resource": resource,
        },
    )

    assert response.status_code in CLEAR_ANSWERS, response.status_code
    # A preview writes nothing.
    assert Measure.objects.count() == before


names = st.one_of(st.sampled_from(["measures.csv", "tmpabc123", "passwd"]), values)
confirm_fields = st.fixed_dictionaries(
    {
        "import_file_name": names,
        "original_file_name": names,
        "format": st.one_of(st.sampled_from([CSV_FORMAT, XLSX_FORMAT]), values),
    },
    optional={"partner": values, "resource": values},
)


@given(posted=confirm_fields)
def test_the_import_confirmation_answers_any_values_clearly(editor_client, own_partner, posted):
    before = Measure.objects.count()

    response = post_and_roll_back(
        editor_client, PROCESS_URL, {"partner": own_partner.pk, "resource": "0", **posted}
    )

    assert response.status_code in CLEAR_ANSWERS, response.status_code
    assert Measure.objects.count() == before


def test_a_confirmation_whose_file_is_gone_gets_a_message_and_the_import_page(
    editor_client, own_partner
):
    posted = {
        "import_file_name": "tmp-long-gone",
        "original_file_name": "measures.csv",
        "format": CSV_FORMAT,
        "partner": own_partner.pk,
        "resource": "0",
    }

    response = editor_client.post(PROCESS_URL, posted, follow=True)

    assert response.redirect_chain == [(IMPORT_URL, 302)]
    assert "The uploaded file is no longer available or cannot be read. Upload it again." in (
        response.content.decode()
    )


def test_a_sheet_without_column_names_is_refused_with_a_message(editor_client, own_partner):
    upload = SimpleUploadedFile("measures.csv", b"\r\npaijat-hame\r\n")

    response = editor_client.post(
        IMPORT_URL,
        {"import_file": upload, "format": CSV_FORMAT, "partner": own_partner.pk, "resource": "0"},
    )

    assert response.status_code == 200
    assert "The first row must hold the column names: slug, title" in response.content.decode()
    assert "confirm_form" not in response.context
