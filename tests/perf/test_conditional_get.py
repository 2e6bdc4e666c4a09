"""A measure's page carries ETag and Last-Modified; a browser's current copy gets a 304."""

import pytest
from django.test import override_settings
from django.utils.http import http_date, parse_http_date

pytestmark = pytest.mark.django_db


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture(params=[True, False], ids=["page-cache-on", "page-cache-off"])
def page_cache_on(request):
    """Both ways to a 304: from the stored page, and from the view itself."""
    with override_settings(N2M_PAGE_CACHE_TIMEOUT=600 if request.param else 0):
        yield request.param


def test_a_measure_page_has_validators_and_asks_browsers_to_revalidate(client, published):
    response = client.get(published.get_absolute_url())

    assert response.status_code == 200
    assert response["ETag"].startswith(('"', 'W/"'))
    assert parse_http_date(response["Last-Modified"]) >= int(published.updated_at.timestamp())
    assert "no-cache" in cache_control(response)


def test_the_same_etag_gets_a_304_without_a_body(client, published, page_cache_on):
    url = published.get_absolute_url()
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_copy_as_new_as_last_modified_gets_a_304(client, published, page_cache_on):
    url = published.get_absolute_url()
    last_modified = client.get(url)["Last-Modified"]

    response = client.get(url, headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_a_304_is_answered_from_the_cache_without_a_query(
    client, published, django_assert_num_queries
):
    url = published.get_absolute_url()
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304


def test_a_change_anywhere_in_the_catalogue_makes_the_old_copy_stale(
    client, published, region, page_cache_on
):
    url = published.get_absolute_url()
    first = client.get(url)

    region.name = "Greifswald and Usedom"  # shown on the measure's page
    region.save()

    response = client.get(
        url,
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )
    assert response.status_code == 200
    assert "Greifswald and Usedom" in response.content.decode()
    assert response["ETag"] != first["ETag"]


def test_an_old_copy_gets_the_page(client, published):
    url = published.get_absolute_url()

    response = client.get(url, headers={"if-none-match": '"something-else"'})
    older = client.get(url, headers={"if-modified-since": http_date(0)})

    assert response.status_code == 200
    assert older.status_code == 200


def test_a_preview_has_no_validators(client, draft, editor):
    client.force_login(editor)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert "ETag" not in response
    assert "Last-Modified" not in response


def test_staff_and_visitors_get_different_etags(client, published, editor):
    url = published.get_absolute_url()
    anonymous = client.get(url)["ETag"]
    client.force_login(editor)

    staff = client.get(url, headers={"if-none-match": anonymous})

    assert staff.status_code == 200
    assert staff["ETag"] != anonymous
