"""Oversized bodies, too many fields or files, and oversized imports are refused cleanly.

Django raises RequestDataTooBig, TooManyFieldsSent and TooManyFilesSent (all
SuspiciousOperation) when a view reads such a request; they become the site's
own 400 page, and nothing is saved. The spreadsheet import has a limit of its
own (N2M_IMPORT_MAX_BYTES), reported in the form.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from measures.models import Measure
from tests.staff import change_form_data, change_url

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/measures/measure/import/"


def assert_friendly_400(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert "<h1>This request could not be handled</h1>" in html
    assert "Traceback" not in html


def test_a_form_body_above_the_limit_is_refused_with_the_400_page(editor_client, draft, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    data = change_form_data(draft, summary="x" * 20_000)

    response = editor_client.post(change_url(draft), data)

    assert_friendly_400(response)
    draft.refresh_from_db()
    assert draft.summary != "x" * 20_000


def test_the_default_body_limit_refuses_a_three_megabyte_form(editor_client, draft):
    data = change_form_data(draft, description="y" * 3_000_000)

    response = editor_client.post(change_url(draft), data)

    assert_friendly_400(response)
    draft.refresh_from_db()
    assert len(draft.description) < 3_000_000


def test_too_many_form_fields_are_refused_with_the_400_page(editor_client, draft):
    data = change_form_data(draft)
    data.update({f"padding-{number}": "1" for number in range(1000)})

    response = editor_client.post(change_url(draft), data)

    assert_friendly_400(response)


def test_too_many_query_parameters_are_refused_with_the_400_page(client):
    query = "&".join(f"region=r{number}" for number in range(1001))

    response = client.get(f"/en/measures/?{query}")

    assert_friendly_400(response)


def test_too_many_files_are_refused_with_the_400_page(editor_client, draft):
    files = {
        f"file-{number}": SimpleUploadedFile(f"f{number}.csv", b"title\n") for number in range(21)
    }

    response = editor_client.post(change_url(draft), {**change_form_data(draft), **files})

    assert_friendly_400(response)


def test_an_unknown_host_gets_the_400_page():
    response = Client(HTTP_HOST="attacker.example").get("/en/")

    assert_friendly_400(response)


def test_a_spreadsheet_above_the_import_limit_is_refused_in_the_form(
    editor_client, own_partner, settings
):
    settings.N2M_IMPORT_MAX_BYTES = 2_000
    sheet = b"title,summary,region,themes,start_year\n" + b"A title,A summary,r,t,2020\n" * 100
    upload = SimpleUploadedFile("measures.csv", sheet, content_type="text/csv")

    response = editor_client.post(
        IMPORT_URL,
        {"import_file": upload, "format": "0", "partner": own_partner.pk, "resource": "0"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert errors == [
        "This file is 2.7\xa0KB; the import accepts files up to 2.0\xa0KB. "
        "Split the sheet into smaller files."
    ]
    assert "confirm_form" not in response.context
    assert not Measure.objects.filter(title="A title").exists()
