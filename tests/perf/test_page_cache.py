"""Public pages are cached for anonymous visitors and change as soon as the catalogue does."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings

from measures.models import Measure
from measures.review import workflow
from next2met.cache import PublicPageCacheMiddleware
from tests.factories import MeasureFactory
from tests.perf.conftest import LIST_URL

pytestmark = pytest.mark.django_db

Status = Measure.Status


def list_html(client):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, published, django_assert_num_queries
):
    first = client.get(LIST_URL)

    with django_assert_num_queries(0):
        second = client.get(LIST_URL)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert published.title in second.content.decode()


def test_each_query_string_is_a_page_of_its_own(client, published):
    client.get(LIST_URL)

    response = client.get(f"{LIST_URL}?q=nothing-matches-this")

    assert response["X-Page-Cache"] == "miss"
    assert published.title not in response.content.decode()


def test_a_published_measure_appears_on_the_cached_list(client, draft, coordinator):
    assert draft.title not in list_html(client)
    assert draft.title not in list_html(client)  # now from the cache

    # The workflow changes the state with QuerySet.update(), which sends no signal.
    workflow.transition(draft, Status.SUBMITTED, coordinator)
    assert draft.title not in list_html(client)
    workflow.transition(draft, Status.PUBLISHED, coordinator)

    assert draft.title in list_html(client)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_an_unpublished_measure_leaves_the_cached_list_and_its_page(client, published, coordinator):
    assert published.title in list_html(client)
    assert client.get(published.get_absolute_url()).status_code == 200

    workflow.transition(published, Status.ARCHIVED, coordinator)

    assert published.title not in list_html(client)
    assert client.get(published.get_absolute_url()).status_code == 404


def test_a_renamed_measure_shows_its_new_title(client, published):
    assert "Village e-service points" in list_html(client)

    published.title = "Village service points, renamed"
    published.save()

    html = list_html(client)
    assert "Village service points, renamed" in html
    assert "Village e-service points" not in html


def test_a_deleted_measure_leaves_the_cached_list(client, published):
    assert published.title in list_html(client)

    published.delete()

    assert published.title not in list_html(client)


@pytest.mark.parametrize(
    ("fixture", "field", "new_name"),
    [
        ("region", "name", "Greifswald and Usedom"),
        ("theme", "name", "Online public services"),
        ("target_group", "name", "Senior citizens"),
        ("partner", "name", "WITENO Greifswald GmbH"),
    ],
)
def test_a_renamed_region_theme_target_group_or_partner_shows_on_the_cached_list(
    client, request, published, fixture, field, new_name
):
    assert new_name not in list_html(client)
    obj = request.getfixturevalue(fixture)

    setattr(obj, field, new_name)
    obj.save()

    assert new_name in list_html(client)


def test_a_renamed_region_shows_on_the_cached_measure_page(client, published, region):
    url = published.get_absolute_url()
    assert "Vorpommern-Greifswald" in client.get(url).content.decode()

    region.name = "Greifswald and Usedom"
    region.save()

    assert "Greifswald and Usedom" in client.get(url).content.decode()


def test_a_theme_added_to_a_measure_changes_the_cached_facet_counts(client, published):
    other = MeasureFactory(title="Coworking hub", region=published.region)
    client.get(LIST_URL)
    assert client.get(LIST_URL)["X-Page-Cache"] == "hit"

    other.categories.add(*published.categories.all())

    response = client.get(LIST_URL)
    assert response["X-Page-Cache"] == "miss"
    theme_counts = {
        option["value"]: option["count"]
        for facet in response.context["facets"]
        if facet["name"] == "theme"
        for option in facet["options"]
    }
    assert theme_counts["e-services"] == 2


def test_staff_neither_read_nor_fill_the_page_cache(client, published, editor):
    client.get(LIST_URL)  # cached for anonymous visitors
    client.force_login(editor)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL)

    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert second.context is not None  # rendered, not read from the cache


def test_a_staff_preview_is_never_cached(client, draft, editor):
    url = draft.get_absolute_url()
    client.force_login(editor)

    preview = client.get(url)
    client.logout()
    anonymous = client.get(url)

    assert preview.status_code == 200
    assert "X-Page-Cache" not in preview
    assert {"private", "no-store"} <= {p.strip() for p in preview["Cache-Control"].split(",")}
    assert anonymous.status_code == 404
    assert draft.title not in anonymous.content.decode()


def test_a_page_that_uses_a_csrf_token_or_sets_a_cookie_is_not_stored(rf):
    def with_token(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    def with_cookie(request):
        response = HttpResponse("<p>hello</p>")
        response.set_cookie("seen", "1")
        return response

    for view in (with_token, with_cookie):
        middleware = PublicPageCacheMiddleware(view)
        for _ in range(2):
            request = anonymous_request(rf)
            response = middleware(request)
            assert "X-Page-Cache" not in response


def test_pages_work_while_the_cache_is_unreachable(client, published):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: every cache call fails at once.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=unreachable):
        assert published.title in list_html(client)
        published.title = "Renamed while the cache is down"
        published.save()
        assert "Renamed while the cache is down" in list_html(client)


def anonymous_request(rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/en/probe/")
    request.user = AnonymousUser()
    return request
