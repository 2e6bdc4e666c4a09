"""An editor learns nothing of another partner's drafts: they answer as measures that do not exist.

Neither the admin's "View on site" redirect (/admin/r/<content type>/<id>/) nor the
spreadsheet import's message tells an editor the slug, or the existence, of a draft
of another partner. Coordinators keep their access.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from measures.models import Measure
from tests.admin.test_spreadsheet_import import csv_file, good_row, preview
from tests.staff import public_url

pytestmark = pytest.mark.django_db

Status = Measure.Status

MISSING_ID = 999999
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def view_on_site_url(object_id):
    return f"/admin/r/{ContentType.objects.get_for_model(Measure).pk}/{object_id}/"


def same_page(response, *, replace=b""):
    """The response's bytes, with what differs by design (`replace`, the CSRF token) masked."""
    content = response.content.replace(replace, b"<id>") if replace else response.content
    return response.status_code, CSRF_TOKEN.sub(b"<csrf>", content)


def test_view_on_site_answers_another_partners_draft_as_a_missing_measure(
    client, editor, make_measure
):
    draft = make_measure("b", Status.DRAFT)
    client.force_login(editor)

    theirs = client.get(view_on_site_url(draft.pk))
    missing = client.get(view_on_site_url(MISSING_ID))

    assert theirs.status_code == 404
    assert draft.slug.encode() not in theirs.content
    # The page names its own address (canonical link): masked, the bytes are the same.
    assert same_page(theirs, replace=view_on_site_url(draft.pk).encode()) == same_page(
        missing, replace=view_on_site_url(MISSING_ID).encode()
    )


def test_view_on_site_still_leads_to_the_editors_own_draft_and_any_for_a_coordinator(
    client, editor, coordinator, make_measure
):
    own = make_measure("a", Status.DRAFT)
    theirs = make_measure("b", Status.DRAFT)

    client.force_login(editor)
    response = client.get(view_on_site_url(own.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(public_url(own))

    client.force_login(coordinator)
    response = client.get(view_on_site_url(theirs.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(public_url(theirs))


def test_view_on_site_of_a_text_id_is_a_missing_page_too(client, editor):
    client.force_login(editor)

    assert client.get(view_on_site_url("not-a-number")).status_code == 404


def test_the_import_answers_another_partners_draft_as_a_missing_measure(
    client, editor, partner_a, make_measure
):
    make_measure("b", Status.DRAFT, slug="their-secret-draft")
    client.force_login(editor)
    region = partner_a.regions.get()

    def preview_slug(slug):
        row = good_row(slug=slug, region=region.slug, themes="", target_groups="")
        return preview(client, partner_a, csv_file([row]))

    theirs = preview_slug("their-secret-draft")
    missing = preview_slug("nothing-by-this-name")

    errors = theirs.context["result"].invalid_rows[0].field_specific_errors["slug"]
    assert errors == [
        "No measure of WITENO GmbH has the slug “their-secret-draft”. "
        "Leave the slug empty for a new measure."
    ]
    assert same_page(theirs, replace=b"their-secret-draft") == same_page(
        missing, replace=b"nothing-by-this-name"
    )


def test_a_coordinator_importing_is_told_the_measure_belongs_to_another_partner(
    client, coordinator, partner_a, make_measure
):
    make_measure("b", Status.DRAFT, slug="their-draft")
    client.force_login(coordinator)
    region = partner_a.regions.get()

    response = preview(
        client, partner_a, csv_file([good_row(slug="their-draft", region=region.slug)])
    )

    errors = response.context["result"].invalid_rows[0].field_specific_errors["slug"]
    assert errors == ["“their-draft” belongs to another partner."]
