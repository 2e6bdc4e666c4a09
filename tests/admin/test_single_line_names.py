"""The admin and the spreadsheet import refuse titles and names with line breaks, and say why."""

import pytest

from measures.models import Category, Measure, TargetGroup
from partners.models import Partner
from tests.admin.test_spreadsheet_import import (  # noqa: F401 (fixtures)
    XLSX_FORMAT,
    catalogue,
    csv_file,
    editor,
    editor_client,
    good_row,
    own_partner,
    preview,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

MESSAGE = "Write this on one line: without line breaks, tabs or other invisible control characters."


def test_the_import_refuses_a_title_with_a_line_break_and_names_the_field(
    editor_client,  # noqa: F811
    catalogue,  # noqa: F811
    own_partner,  # noqa: F811
):
    rows = [good_row(title="Coding club\r\nBcc: evil@example.org")]

    response = preview(editor_client, own_partner, csv_file(rows))

    (invalid,) = response.context["result"].invalid_rows
    assert invalid.field_specific_errors["title"] == [MESSAGE]
    assert Measure.objects.count() == 0


def test_the_import_of_an_xlsx_sheet_refuses_a_local_title_with_a_tab(
    editor_client,  # noqa: F811
    catalogue,  # noqa: F811
    own_partner,  # noqa: F811
):
    rows = [good_row(title_local="Koodikerho\tikäihmisille")]

    response = preview(editor_client, own_partner, xlsx_file(rows), XLSX_FORMAT)

    (invalid,) = response.context["result"].invalid_rows
    assert invalid.field_specific_errors["title_local"] == [MESSAGE]
    assert Measure.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("measures/category/add/", {"slug": "skills", "position": "0"}),
        ("measures/targetgroup/add/", {"slug": "older", "position": "0"}),
        (
            "partners/partner/add/",
            {"short_name": "WIT", "slug": "witeno", "country": "DE", "role": "partner"},
        ),
    ],
)
def test_the_admin_refuses_a_name_with_a_line_break_and_says_why(admin_client, path, data):
    management = {
        f"{prefix}-{name}": value
        for prefix in ("translations", "memberships")
        for name, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]
    }

    response = admin_client.post(
        f"/admin/{path}", {"name": "Digital\r\nBcc: evil@example.org", **data, **management}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [MESSAGE]
    assert not Category.objects.exists()
    assert not TargetGroup.objects.exists()
    assert not Partner.objects.exists()
