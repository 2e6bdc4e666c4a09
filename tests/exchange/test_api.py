"""The read-only JSON API at /api/: the list page's filters, pagination, errors, CORS."""

import pytest

from tests.catalogues import FILTER_QUERIES
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    MeasureLinkFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


def api_slugs(client, url):
    """Slugs of every page, following the `next` links from `url`."""
    slugs = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        data = response.json()
        slugs += [measure["slug"] for measure in data["results"]]
        url = data["next"]
    return slugs


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_measure_list_answers_what_the_list_page_shows(client, catalogue, list_page_slugs, query):
    assert api_slugs(client, f"/api/measures/?{query}&page_size=7") == list_page_slugs(query)


def test_measure_list_nests_region_partner_and_themes_with_absolute_urls(client, published_measure):
    data = client.get("/api/measures/").json()

    assert data["count"] == 1
    assert data["next"] is None
    assert data["previous"] is None
    [measure] = data["results"]
    assert measure["slug"] == published_measure.slug
    assert measure["title"] == "Remote home care unit"
    assert measure["url"] == f"http://testserver/en/measures/{published_measure.slug}/"
    assert measure["api_url"] == f"http://testserver/api/measures/{published_measure.slug}/"
    assert measure["region"] == {
        "slug": "paijat-hame",
        "name": "Päijät-Häme",
        "country": "FI",
        "country_name": "Finland",
        "url": "http://testserver/en/regions/paijat-hame/",
        "api_url": "http://testserver/api/regions/paijat-hame/",
    }
    assert measure["partner"]["name"] == published_measure.partner.name
    assert measure["partner"]["url"].startswith("http://testserver/en/partners/")
    assert measure["themes"] == [
        {
            "slug": "e-health-care",
            "name": "E-health and home care",
            "url": "http://testserver/en/themes/e-health-care/",
        }
    ]


def test_measure_list_pages_link_to_each_other_keeping_the_filters(client, catalogue):
    first = client.get("/api/measures/?region=paijat-hame&page_size=3").json()

    assert first["count"] == 9
    assert first["pages"] == 3
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/measures/?region=paijat-hame&page_size=3&page=2"
    second = client.get(first["next"]).json()
    assert second["page"] == 2
    assert second["previous"] == "http://testserver/api/measures/?region=paijat-hame&page_size=3"
    last = client.get(second["next"]).json()
    assert last["next"] is None
    assert len(last["results"]) == 3


def test_page_size_is_capped_at_100(client, published_measure):
    data = client.get("/api/measures/?page_size=1000").json()

    assert data["page_size"] == 100


@pytest.mark.parametrize("page_size", ["abc", "0", "-5"])
def test_page_size_that_is_not_a_positive_number_is_a_400_naming_it(
    client, published_measure, page_size
):
    response = client.get(f"/api/measures/?page_size={page_size}")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page_size"]


def test_unknown_region_slug_is_a_400_naming_the_parameter(client, published_measure):
    response = client.get("/api/measures/?region=atlantis&theme=e-health-care")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert "region" in body["detail"]
    assert list(body["errors"]) == ["region"]
    assert body["errors"]["region"][0]["code"] == "invalid_choice"
    assert "atlantis" in body["errors"]["region"][0]["message"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("theme=nope", "theme"),
        ("country=XX", "country"),
        ("target=nope", "target"),
        ("partner=nope", "partner"),
        ("year_from=soon", "year_from"),
        ("year_to=1200", "year_to"),
        ("sort=random", "sort"),
        (f"q={'word ' * 50}", "q"),
    ],
)
def test_every_invalid_filter_is_a_400_naming_it(client, published_measure, query, parameter):
    response = client.get(f"/api/measures/?{query}")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]


# A page that is not a whole number of at least 1 is a 400 (tests/exchange/test_api_errors.py).
@pytest.mark.parametrize("page", ["2", "99"])
def test_page_past_the_last_is_a_404_in_json(client, published_measure, page):
    response = client.get(f"/api/measures/?page={page}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "page" in response.json()["detail"]


def test_empty_result_is_page_one_with_no_results(client, published_measure):
    data = client.get("/api/measures/?year_from=2090").json()

    assert data == {
        "count": 0,
        "page": 1,
        "pages": 1,
        "page_size": 20,
        "search": None,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_measure_detail_holds_the_whole_measure(client, published_measure):
    published_measure.description = "Twelve nurses make virtual visits."
    published_measure.funding = "Own budget"
    published_measure.save()
    published_measure.target_groups.set([TargetGroupFactory(name="Older people")])
    MeasureLinkFactory(
        measure=published_measure, title="Evaluation 2022", url="https://example.org/report"
    )

    response = client.get(f"/api/measures/{published_measure.slug}/")

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Remote home care unit"
    assert data["description"] == "Twelve nurses make virtual visits."
    assert data["funding"] == "Own budget"
    assert [group["name"] for group in data["target_groups"]] == ["Older people"]
    assert data["links"] == [{"title": "Evaluation 2022", "url": "https://example.org/report"}]
    assert data["image"] is None
    assert data["region"]["slug"] == "paijat-hame"


def test_unknown_measure_is_a_404_in_json(client):
    response = client.get("/api/measures/no-such-measure/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_regions_list_counts_published_measures(client, published_measure, region):
    RegionFactory(name="Lower Austria", slug="lower-austria", country="AT", nuts_code="AT12")
    MeasureFactory(region=region, status="draft", published_at=None)

    data = client.get("/api/regions/").json()

    assert data["count"] == 2
    counts = {row["slug"]: row["measure_count"] for row in data["results"]}
    assert counts == {"lower-austria": 0, "paijat-hame": 1}
    paijat_hame = next(row for row in data["results"] if row["slug"] == "paijat-hame")
    assert paijat_hame["nuts_code"] == "FI1C3"
    assert paijat_hame["measures_url"] == "http://testserver/api/measures/?region=paijat-hame"
    assert paijat_hame["partner"]["slug"] == region.partner.slug


def test_region_detail_adds_the_description(client, region):
    region.description = "A lake region north of Helsinki."
    region.save()

    data = client.get("/api/regions/paijat-hame/").json()

    assert data["name"] == "Päijät-Häme"
    assert data["description"] == "A lake region north of Helsinki."
    assert data["url"] == "http://testserver/en/regions/paijat-hame/"


def test_unknown_region_is_a_404_in_json(client):
    response = client.get("/api/regions/atlantis/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_themes_list_counts_published_measures(client, published_measure, theme):
    CategoryFactory(name="Digital skills", slug="digital-skills")

    data = client.get("/api/themes/").json()

    counts = {row["slug"]: row["measure_count"] for row in data["results"]}
    assert counts == {"e-health-care": 1, "digital-skills": 0}
    assert data["results"][0]["measures_url"] == (
        "http://testserver/api/measures/?theme=e-health-care"
    )


def test_partners_list_counts_published_measures(client, published_measure):
    PartnerFactory(name="Ecoplus", slug="ecoplus", is_active=False)

    data = client.get("/api/partners/").json()

    counts = {row["slug"]: row["measure_count"] for row in data["results"]}
    assert counts == {published_measure.partner.slug: 1, "ecoplus": 0}
    assert data["results"][-1]["is_active"] is False


@pytest.mark.parametrize(
    "url",
    [
        "/api/measures/",
        "/api/measures/?region=atlantis",
        "/api/measures/?page=9",
        "/api/measures/remote-home-care-unit/",
        "/api/regions/",
        "/api/regions/paijat-hame/",
        "/api/themes/",
        "/api/partners/",
    ],
)
def test_every_answer_may_be_read_by_scripts_on_any_site(client, published_measure, url):
    response = client.get(url)

    assert response["Access-Control-Allow-Origin"] == "*"


def test_preflight_request_is_answered(client):
    response = client.options("/api/measures/")

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_api_is_read_only(client, published_measure, method):
    response = getattr(client, method)("/api/measures/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert "detail" in response.json()


def test_api_is_not_under_a_language_prefix(client):
    assert client.get("/en/api/measures/").status_code == 404
