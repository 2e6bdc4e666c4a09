"""Every public page carries ETag and Last-Modified from the content version; a current copy
gets a 304, a change to the catalogue makes it stale.

The addresses come from tests/public_pages.py (checked against the URLconf by
tests/catalogue/test_head_requests.py). The pages of one visitor (dossier, contact
form) and the health check get no validator at all.
"""

import pytest
from django.test import Client, override_settings
from django.utils.http import http_date, parse_http_date

from tests.factories import MeasureFactory
from tests.public_pages import (
    MEASURE,
    PER_VISITOR,
    PUBLIC_GET_PAGES,
    fill_dossier,
    public_catalogue,
)
from tests.staff import create_staff_user

pytestmark = pytest.mark.django_db

SHARED = sorted(set(PUBLIC_GET_PAGES) - PER_VISITOR)


@pytest.fixture
def catalogue():
    return public_catalogue()


@pytest.fixture(params=[True, False], ids=["page-cache-on", "page-cache-off"])
def page_cache_on(request):
    """Both ways to a 304: from the stored page, and before the view runs."""
    with override_settings(N2M_PAGE_CACHE_TIMEOUT=600 if request.param else 0):
        yield request.param


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("name", SHARED)
def test_every_shared_page_has_validators_and_asks_browsers_to_revalidate(client, catalogue, name):
    response = client.get(PUBLIC_GET_PAGES[name])

    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert parse_http_date(response["Last-Modified"])
    assert "no-cache" in cache_control(response)


@pytest.mark.parametrize("name", SHARED)
def test_every_shared_page_answers_a_current_etag_with_a_304(
    client, catalogue, name, page_cache_on
):
    url = PUBLIC_GET_PAGES[name]
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert body(response) == b""
    assert response["ETag"] == etag


@pytest.mark.parametrize("name", SHARED)
def test_every_shared_page_answers_a_copy_as_new_as_last_modified_with_a_304(
    client, catalogue, name
):
    url = PUBLIC_GET_PAGES[name]
    last_modified = client.get(url)["Last-Modified"]

    response = client.get(url, headers={"if-modified-since": last_modified})

    assert response.status_code == 304


@pytest.mark.parametrize("name", SHARED)
def test_a_new_measure_makes_every_shared_page_stale(client, catalogue, name, page_cache_on):
    url = PUBLIC_GET_PAGES[name]
    first = client.get(url)

    MeasureFactory(title="Village broadband advisers", region=catalogue[0].region)

    response = client.get(
        url,
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert parse_http_date(response["Last-Modified"]) >= parse_http_date(first["Last-Modified"])


@pytest.mark.parametrize("name", sorted(PER_VISITOR))
def test_pages_of_one_visitor_get_no_validator_and_are_never_kept(client, catalogue, name):
    fill_dossier(client)

    response = client.get(PUBLIC_GET_PAGES[name])

    assert "ETag" not in response
    assert "Last-Modified" not in response
    assert {"private", "no-store"} <= cache_control(response)


def test_a_304_before_the_view_reads_no_database(
    client, catalogue, django_assert_num_queries, settings
):
    settings.N2M_PAGE_CACHE_TIMEOUT = 0
    url = PUBLIC_GET_PAGES["measures:list"]
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304


def test_an_old_copy_gets_the_page(client, catalogue):
    url = PUBLIC_GET_PAGES["measures:list"]

    other = client.get(url, headers={"if-none-match": 'W/"something-else"'})
    older = client.get(url, headers={"if-modified-since": http_date(0)})

    assert other.status_code == 200
    assert older.status_code == 200


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("/en/measures/", "/de/measures/"),
        ("/en/measures/?q=village", "/en/measures/?q=assistants"),
        ("/en/measures/export.csv?q=village", "/en/measures/export.csv"),
        ("/api/measures/?page_size=1", "/api/measures/?page_size=2"),
    ],
)
def test_the_language_and_the_query_string_are_part_of_the_etag(client, catalogue, one, other):
    assert client.get(one)["ETag"] != client.get(other)["ETag"]


def test_the_language_asked_of_the_api_is_part_of_the_etag(client, catalogue):
    english = client.get("/api/themes/", headers={"accept-language": "en"})

    german = client.get(
        "/api/themes/", headers={"accept-language": "de", "if-none-match": english["ETag"]}
    )

    assert german.status_code == 200
    assert german["ETag"] != english["ETag"]


def test_a_visitor_with_a_session_gets_a_validator_of_their_own_that_follows_it(
    client, catalogue, settings
):
    settings.N2M_PAGE_CACHE_TIMEOUT = 0
    url = f"/en/measures/{MEASURE}/"
    without_session = Client().get(url)["ETag"]
    fill_dossier(client)
    client.get("/en/dossier/")
    before = client.get(url)["ETag"]

    client.post("/en/dossier/empty/")
    client.get("/en/dossier/")
    after = client.get(url, headers={"if-none-match": before})

    assert before != without_session
    assert after.status_code == 200
    assert after["ETag"] not in (before, without_session)


def test_a_signed_in_person_and_a_visitor_get_different_etags(client, catalogue, settings):
    url = PUBLIC_GET_PAGES["measures:region_list"]
    anonymous = client.get(url)["ETag"]
    client.force_login(create_staff_user("erika", catalogue[0].partner, "editor"))

    staff = client.get(url, headers={"if-none-match": anonymous})

    assert staff.status_code == 200
    assert staff["ETag"] != anonymous
