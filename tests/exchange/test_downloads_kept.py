"""The CSV and JSON downloads are kept finished in the shared cache, per content version.

A repeated download reads no database; any change to the catalogue, another
query string or another language makes a new one. The first download's queries
do not grow with the measures it holds (tests/exchange/test_query_counts.py).
"""

import gzip
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound, StreamingHttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from measures.caching.downloads import cached_download
from tests.factories import MeasureFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV = "/en/measures/export.csv"
JSON = "/en/measures/export.json"


def body(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(content)
    return content


@pytest.fixture
def measures(region, theme):
    return [
        MeasureFactory(title=f"Measure {n}", region=region, categories=[theme]) for n in range(3)
    ]


@pytest.mark.parametrize("url", [CSV, JSON, f"{CSV}?q=measure&sort=title"])
def test_a_repeated_download_reads_no_database(client, measures, django_assert_num_queries, url):
    first = client.get(url)
    first_body = body(first)

    with django_assert_num_queries(0):
        second = client.get(url)
        second_body = body(second)

    assert second_body == first_body
    assert (first["X-Download-Cache"], second["X-Download-Cache"]) == ("miss", "hit")
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_a_changed_measure_changes_the_download(client, measures):
    before = json.loads(body(client.get(JSON)))

    measures[0].title = "Village e-service points"
    measures[0].save()
    after = json.loads(body(client.get(JSON)))

    titles = {row["title"] for row in after["results"]}
    assert "Village e-service points" in titles
    assert "Village e-service points" not in {row["title"] for row in before["results"]}


def test_another_query_string_or_language_is_another_download(client, measures):
    all_rows = body(client.get(CSV))
    one_row = body(client.get(f"{CSV}?q=zzz-no-such-measure"))
    german = client.get(CSV.replace("/en/", "/de/"))

    assert one_row != all_rows
    assert german["X-Download-Cache"] == "miss"
    assert body(german) != all_rows


@pytest.mark.parametrize("url", [CSV, JSON])
def test_a_parameter_the_list_does_not_know_makes_no_new_download(
    client, measures, django_assert_num_queries, url
):
    first = body(client.get(f"{url}?region=paijat-hame"))

    with django_assert_num_queries(0):
        junk = client.get(f"{url}?region=paijat-hame&junk=1&utm_source=mail")
        kept = body(junk)

    assert junk["X-Download-Cache"] == "hit"
    assert kept == first


def test_the_json_names_its_list_without_parameters_the_list_does_not_know(client, measures):
    data = json.loads(body(client.get(f"{JSON}?junk=1&theme={measures[0].categories.get().slug}")))

    assert data["list_url"] == "http://testserver/en/measures/?theme=e-health-care"


def test_a_client_that_accepts_gzip_gets_the_kept_bytes_as_they_are(client, measures):
    with override_settings(N2M_DOWNLOAD_CACHE_TIMEOUT=0):
        expected = body(client.get(CSV))

    first = client.get(CSV, HTTP_ACCEPT_ENCODING="gzip, deflate")
    first_bytes = b"".join(first.streaming_content)
    plain = client.get(CSV)
    second = client.get(CSV, HTTP_ACCEPT_ENCODING="gzip, deflate")
    second_bytes = b"".join(second.streaming_content)

    assert [first["X-Download-Cache"], plain["X-Download-Cache"], second["X-Download-Cache"]] == [
        "miss",
        "hit",
        "hit",
    ]
    assert gzip.decompress(first_bytes) == gzip.decompress(second_bytes) == expected
    assert body(plain) == expected
    assert int(second["Content-Length"]) == len(second_bytes)
    for response in (first, plain, second):
        assert "Accept-Encoding" in response["Vary"]


def test_formulas_stay_text_in_a_kept_csv(client, region, theme):
    MeasureFactory(title="=HYPERLINK(1)", region=region, categories=[theme])
    body(client.get(CSV))

    kept = body(client.get(CSV)).decode()

    assert "'=HYPERLINK(1)" in kept


def test_a_download_cut_short_is_not_kept(client, measures):
    response = client.get(CSV)
    next(iter(response.streaming_content))
    response.close()

    assert client.get(CSV)["X-Download-Cache"] == "miss"


@override_settings(N2M_DOWNLOAD_CACHE_MAX_BYTES=100)
def test_a_download_too_large_to_keep_is_sent_in_full_but_not_kept(client, measures):
    first = body(client.get(CSV))
    second = client.get(CSV)

    assert first.count(b"Measure ") == 3
    assert second["X-Download-Cache"] == "miss"
    assert body(second) == first


def test_signed_in_people_neither_read_nor_fill_the_kept_downloads(client, measures):
    client.force_login(UserFactory(is_staff=True))

    assert "X-Download-Cache" not in client.get(CSV)
    client.logout()
    assert client.get(CSV)["X-Download-Cache"] == "miss"


def not_found():
    return HttpResponseNotFound("gone")


def with_a_cookie():
    response = HttpResponse("yours")
    response.set_cookie("visitor", "1")
    return response


def private():
    response = HttpResponse("yours")
    response["Cache-Control"] = "private"
    return response


@pytest.mark.parametrize("answer", [not_found, with_a_cookie, private])
def test_only_what_is_the_same_for_every_visitor_is_kept(answer):
    calls = []

    @cached_download
    def view(request):
        calls.append(request)
        return answer()

    request = RequestFactory().get(CSV)
    request.user = AnonymousUser()
    view(request)
    view(request)

    assert len(calls) == 2


@pytest.mark.parametrize(
    "spelling",
    [
        "?region=",
        "?q=",
        "?sort=newest",
        "?q=&region=&theme=&sort=newest&page=3",
        "?year_from=&year_to=&exact=",
    ],
)
@pytest.mark.parametrize("url", [CSV, JSON])
def test_empty_or_default_parameters_find_the_kept_download(client, measures, url, spelling):
    first = body(client.get(url))

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url + spelling)
        kept = body(again)

    assert again["X-Download-Cache"] == "hit"
    assert kept == first
    # At most the facets' options, read once per content version to check the filters.
    assert not [q for q in queries.captured_queries if "measures_measure" in q["sql"]]


def test_the_same_filters_written_another_way_find_the_kept_download(
    client, measures, django_assert_num_queries
):
    theme = measures[0].categories.get().slug
    region = measures[0].region.slug
    first = body(client.get(f"{CSV}?region={region}&theme={theme}&sort=title"))

    with django_assert_num_queries(0):
        again = client.get(f"{CSV}?sort=title&theme={theme}&theme={theme}&region={region}&q=")
        kept = body(again)

    assert again["X-Download-Cache"] == "hit"
    assert kept == first


def test_two_requests_that_miss_at_once_make_the_download_once():
    made = []
    started = threading.Event()

    @cached_download
    def view(request):
        made.append(request)
        started.set()
        time.sleep(0.5)
        return HttpResponse("the whole catalogue")

    def ask():
        request = RequestFactory().get(CSV)
        request.user = AnonymousUser()
        return view(request)

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(ask)
        assert started.wait(5)
        second = pool.submit(ask)
        answers = [first.result(), second.result()]

    assert len(made) == 1
    assert sorted(answer["X-Download-Cache"] for answer in answers) == ["hit", "miss"]
    assert {
        gzip.decompress(a.content) if a.get("Content-Encoding") else a.content for a in answers
    } == {b"the whole catalogue"}


def test_a_download_that_is_not_kept_lets_the_next_request_make_it_without_waiting():
    made = []

    @cached_download
    def view(request):
        made.append(request)
        return HttpResponseNotFound("gone")

    request = RequestFactory().get(CSV)
    request.user = AnonymousUser()
    started = time.monotonic()
    view(request)
    view(request)

    assert len(made) == 2
    assert time.monotonic() - started < 1


def test_a_download_still_being_made_elsewhere_is_not_made_twice(monkeypatch):
    from measures.caching import downloads

    monkeypatch.setattr(downloads, "BUILD_WAIT", 0.3)
    made = []

    @cached_download
    def view(request):
        made.append(request)
        return HttpResponse("the whole catalogue")

    request = RequestFactory().get(CSV)
    request.user = AnonymousUser()
    key = downloads.download_key(request)
    version, _found = downloads.content_version.read_with(key)
    assert downloads.BuildMark(key, version).claim()

    response = view(request)

    assert made == []
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_a_streamed_download_closed_unread_lets_the_next_request_make_it_at_once(monkeypatch):
    # A WSGI server closes every answer, read or not (a client that went away, a HEAD).
    from measures.caching import downloads

    monkeypatch.setattr(downloads, "BUILD_WAIT", 5)
    made = []

    @cached_download
    def view(request):
        made.append(request)
        return StreamingHttpResponse(iter([b"the whole ", b"catalogue"]))

    request = RequestFactory().get(CSV)
    request.user = AnonymousUser()
    view(request).close()
    started = time.monotonic()

    again = view(request)

    assert len(made) == 2
    assert again.status_code == 200
    assert time.monotonic() - started < 1
    again.close()


def test_the_mark_of_a_download_being_made_expires_if_its_maker_never_ends(monkeypatch):
    # A worker killed while making the body never removes its mark.
    from measures.caching import downloads

    monkeypatch.setattr(downloads, "BUILD_MARK_TIMEOUT", 1)
    request = RequestFactory().get(CSV)
    key = downloads.download_key(request)
    version, _found = downloads.content_version.read_with(key)
    maker = downloads.BuildMark(key, version)
    assert maker.claim()
    assert downloads.BuildMark(key, version).is_held()

    time.sleep(1.2)

    assert not downloads.BuildMark(key, version).is_held()
    assert downloads.BuildMark(key, version).claim()
