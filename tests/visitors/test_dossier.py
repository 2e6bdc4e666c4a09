"""The dossier: a basket of published measures in the visitor's session, to print or download."""

import pytest
from django.test import Client

from measures.models import Measure
from measures.models.results import Indicator
from measures.review import workflow
from measures.visitors import dossier
from tests.factories import MeasureFactory, MeasureLinkFactory

pytestmark = pytest.mark.django_db

DOSSIER = "/en/dossier/"
ADD = "/en/dossier/add/"


@pytest.fixture
def csrf_client(client):
    """A client that checks CSRF tokens, as browsers meet them."""
    client.handler.enforce_csrf_checks = True
    return client


@pytest.fixture
def measures(witeno_region, diba_region):
    first = MeasureFactory(
        region=witeno_region,
        title="Village e-service points",
        slug="village",
        main_institution="Amt Peenetal/Loitz",
        resources="Two part-time staff and a van.",
        evidence="1,200 visits in the first year.",
        transfer_potential="Works wherever a county runs mobile offices.",
        difficulties="Finding rooms with a good connection.",
        funding="ERDF and own budget",
        evidence_level="evaluated",
        budget_band="50k-250k",
        staff_effort="small-team",
        duration_months=20,
        funding_erdf=True,
        funding_own_budget=True,
    )
    Indicator.objects.create(
        measure=first, name="Visits a year", unit="visits", baseline=0, target=1000, achieved=1200
    )
    Indicator.objects.create(
        measure=first, name="Users", unit="users", achieved=300, achieved_qualifier="more-than"
    )
    MeasureLinkFactory(measure=first, title="Evaluation report 2022", url="https://example.org/r")
    second = MeasureFactory(region=diba_region, title="Rural broadband office", slug="broadband")
    return [first, second]


def add(client, slug, next_url=""):
    return client.post(ADD, {"slug": slug, "next": next_url})


def slugs_shown(response):
    return [measure.slug for measure in response.context["measures"]]


def test_visitors_add_measures_without_a_csrf_token_and_see_them_in_the_dossier(
    csrf_client, measures
):
    response = add(csrf_client, "village", "/en/measures/village/")

    # Back to the page the button was on, which shows what happened (CSS :target).
    assert response.status_code == 303
    assert response["Location"] == "/en/measures/village/#in-dossier-village"
    add(csrf_client, "broadband")
    page = csrf_client.get(DOSSIER)
    html = page.content.decode()
    assert slugs_shown(page) == ["village", "broadband"]
    assert "“Rural broadband office” is now in your dossier." in html
    assert 'href="/en/measures/village/"' in html


def test_the_dossier_page_links_back_to_where_the_visitor_was(client, measures):
    add(client, "village", "/en/measures/?region=vorpommern-greifswald")

    html = client.get(DOSSIER).content.decode()

    assert 'href="/en/measures/?region=vorpommern-greifswald"' in html


def test_a_back_link_to_another_site_is_ignored(client, measures):
    add(client, "village", "https://evil.example/phish")

    assert "evil.example" not in client.get(DOSSIER).content.decode()


def test_adding_twice_keeps_one(client, measures):
    add(client, "village")
    add(client, "village")

    page = client.get(DOSSIER)

    assert slugs_shown(page) == ["village"]
    assert "was already in your dossier" in page.content.decode()


@pytest.mark.parametrize("slug", ["no-such-measure", "", "x" * 500])
def test_unknown_slugs_add_nothing(client, measures, slug):
    add(client, slug)

    page = client.get(DOSSIER)

    assert slugs_shown(page) == []
    assert "No published measure has this address" in page.content.decode()


def test_an_unpublished_measure_cannot_be_added(client, witeno_region):
    MeasureFactory(region=witeno_region, slug="draft", status="draft", published_at=None)

    add(client, "draft")

    assert slugs_shown(client.get(DOSSIER)) == []


def test_a_measure_unpublished_after_it_was_added_silently_drops_out(client, measures, coordinator):
    add(client, "village")
    add(client, "broadband")

    workflow.transition(measures[0], Measure.Status.ARCHIVED, coordinator)

    page = client.get(DOSSIER)
    assert slugs_shown(page) == ["broadband"]
    assert ">Village e-service points</a>" not in page.content.decode()
    print_view = client.get("/en/dossier/print/").content.decode()
    assert "Village e-service points" not in print_view
    assert "Rural broadband office" in print_view


def test_the_dossier_holds_at_most_its_limit(client, witeno_region, monkeypatch):
    monkeypatch.setattr(dossier, "MAX_MEASURES", 3)
    for n in range(4):
        MeasureFactory(region=witeno_region, slug=f"m{n}", title=f"Measure {n}")
    for n in range(4):
        add(client, f"m{n}")

    page = client.get(DOSSIER)

    html = page.content.decode()
    assert slugs_shown(page) == ["m0", "m1", "m2"]
    assert "Your dossier is full: it holds at most 3 measures. Remove one to add" in html
    assert "“Measure 3”" in html


def test_the_default_limit_is_thirty():
    assert dossier.MAX_MEASURES == 30


def test_remove_takes_one_measure_out(csrf_client, measures):
    add(csrf_client, "village")
    add(csrf_client, "broadband")
    page = csrf_client.get(DOSSIER)
    token = page.context["csrf_token"]

    response = csrf_client.post(
        "/en/dossier/remove/", {"slug": "village", "csrfmiddlewaretoken": str(token)}
    )

    assert response.status_code == 303
    assert slugs_shown(csrf_client.get(DOSSIER)) == ["broadband"]


def test_empty_takes_every_measure_out(csrf_client, measures):
    add(csrf_client, "village")
    add(csrf_client, "broadband")
    token = csrf_client.get(DOSSIER).context["csrf_token"]

    csrf_client.post("/en/dossier/empty/", {"csrfmiddlewaretoken": str(token)})

    page = csrf_client.get(DOSSIER)
    assert slugs_shown(page) == []
    assert "Your dossier is empty" in page.content.decode()


@pytest.mark.parametrize("url", ["/en/dossier/remove/", "/en/dossier/empty/"])
def test_remove_and_empty_need_the_csrf_token(csrf_client, measures, url):
    add(csrf_client, "village")

    response = csrf_client.post(url, {"slug": "village"})

    assert response.status_code == 403
    assert slugs_shown(csrf_client.get(DOSSIER)) == ["village"]


@pytest.mark.parametrize("url", [ADD, "/en/dossier/remove/", "/en/dossier/empty/"])
def test_changing_the_dossier_takes_a_post(client, url):
    assert client.get(url).status_code == 405


def test_each_visitor_has_their_own_dossier(client, measures):
    add(client, "village")

    assert slugs_shown(Client().get(DOSSIER)) == []


def test_the_dossier_page_is_private(client, measures):
    add(client, "village")

    response = client.get(DOSSIER)

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_the_print_view_follows_the_good_practice_template(client, measures):
    add(client, "village")
    add(client, "broadband")

    response = client.get("/en/dossier/print/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert html.count('<article class="practice"') == 2
    headings = [
        "Region, country",
        "Main institution",
        "Location",
        "Detailed description",
        # The good-practice sections in the order of GOOD_PRACTICE_FIELDS, as everywhere.
        "Problem addressed",
        "Resources needed",
        "Evidence of success",
        "Difficulties encountered",
        "Potential for learning or transfer",
        "Further information",
        "Contact",
    ]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for text in [
        "Vorpommern-Greifswald, Finland",
        "Amt Peenetal/Loitz",
        "Two part-time staff and a van.",
        "Funding: ERDF and own budget",
        "1,200 visits in the first year.",
        "Works wherever a county runs mobile offices.",
        "Finding rooms with a good connection.",
        "Evaluation report 2022",
        "http://testserver/en/measures/village/contact/",
        "Last verified",
        # The structured results and resources
        "Evaluated: An independent evaluation or study has assessed the results.",
        "€50,000 to €250,000",
        "A small team (2 to 5 people)",
        "20 months",
        "ERDF, Own budget",
        "Results in figures",
        "Visits a year",
        "1,200 visits",
        "more than 300 users",
    ]:
        assert text in html
    assert "Not documented" in html  # the second measure leaves sections empty
    assert "@" not in html.split("<main", 1)[1]


def test_the_dossier_link_in_the_header_shows_no_count(client, measures):
    add(client, "village")

    html = client.get("/en/measures/").content.decode()

    assert 'href="/en/dossier/"' in html
    assert "Dossier</a>" in html


def test_print_view_links_to_site_url_whatever_the_host(
    client, measures, public_site, foreign_host
):
    add(client, "village")

    html = client.get("/en/dossier/print/", HTTP_HOST=foreign_host).content.decode()

    assert f"{public_site}/en/measures/village/" in html
    assert f"{public_site}/en/measures/village/contact/" in html
    assert "localhost:6666" not in html


def test_the_comparison_adds_all_its_measures_and_goes_on_to_the_dossier(client, measures):
    response = client.post(
        ADD, {"slug": ["village", "broadband"], "next": "/en/compare/?m=village&m=broadband"}
    )

    assert response["Location"] == DOSSIER
    page = client.get(DOSSIER)
    assert slugs_shown(page) == ["village", "broadband"]
    assert 'href="/en/compare/?m=village&amp;m=broadband"' in page.content.decode()
