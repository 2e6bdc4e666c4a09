"""Only published measures reach the public: every page and every count, in every other state.

Each test puts a published measure and a hidden one in the same region, theme and
partner, so a page that forgot `published()` would show the hidden one next to the
published one, or count two where it should count one.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from measures.models import Measure
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [state for state in Measure.Status if state != Measure.Status.PUBLISHED]


@pytest.fixture
def visible(region, theme, partner):
    return MeasureFactory(
        title="Visible published measure",
        region=region,
        partner=partner,
        categories=[theme],
        published_at=timezone.now() - timedelta(days=30),
    )


@pytest.fixture(
    params=[(state, ever_published) for state in HIDDEN_STATES for ever_published in (False, True)],
    ids=lambda param: f"{param[0]}-{'once-published' if param[1] else 'never-published'}",
)
def hidden(request, region, theme, partner):
    """A measure in a non-public state; some were published once, so they carry a date."""
    state, ever_published = request.param
    return MeasureFactory(
        title=f"Hidden {state} measure",
        region=region,
        partner=partner,
        categories=[theme],
        status=state,
        published_at=timezone.now() if ever_published else None,
    )


def assert_shows_only(response, visible, hidden):
    """The page links to the visible measure and neither names nor links the hidden one.

    Links are the evidence: a search result may render its title with marked words.
    """
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{visible.get_absolute_url()}"' in html
    assert hidden.get_absolute_url() not in html
    assert hidden.title not in html


def tile_count(html, name):
    """The count line of the tile headed `name` on a region, theme or partner list."""
    match = re.search(
        rf">{re.escape(name)}</a></h[23]>.*?<p class=\"tile__count\">(.*?)</p>", html, re.S
    )
    assert match, f"no tile for {name!r}"
    return match.group(1)


class TestHiddenMeasures:
    def test_hidden_measure_is_absent_from_the_home_page(self, client, visible, hidden):
        response = client.get("/en/")

        assert_shows_only(response, visible, hidden)
        assert list(response.context["latest_measures"]) == [visible]

    def test_hidden_measure_is_not_counted_on_the_home_page(self, client, visible, hidden):
        response = client.get("/en/")

        assert response.context["measure_count"] == 1
        assert '<span class="stats__number">1</span> measure</li>' in response.content.decode()

    @pytest.mark.parametrize(
        "query",
        [
            "",
            "?region=paijat-hame",
            "?theme=e-health-care",
            "?partner=paijat-hame",
            "?country=FI",
            "?year_from=2020&year_to=2020",
            "?q=measure",
            "?sort=title",
            "?sort=region",
        ],
    )
    def test_hidden_measure_is_absent_from_the_measure_list(self, client, visible, hidden, query):
        response = client.get(f"/en/measures/{query}")

        assert_shows_only(response, visible, hidden)
        assert response.context["paginator"].count == 1

    def test_search_for_the_hidden_measures_title_finds_nothing(self, client, visible, hidden):
        response = client.get("/en/measures/", {"q": hidden.title})

        assert response.status_code == 200
        assert response.context["paginator"].count == 0
        html = response.content.decode()
        assert hidden.get_absolute_url() not in html
        assert "No measure matches these filters" in html

    def test_hidden_measures_own_page_is_not_found(self, client, visible, hidden):
        response = client.get(f"/en/measures/{hidden.slug}/")

        assert response.status_code == 404
        assert hidden.title not in response.content.decode()

    def test_hidden_measure_is_absent_from_its_region_page(self, client, visible, hidden):
        response = client.get("/en/regions/paijat-hame/")

        assert_shows_only(response, visible, hidden)
        assert response.context["region"].published_count == 1

    def test_hidden_measure_is_absent_from_its_theme_page(self, client, visible, hidden):
        response = client.get("/en/themes/e-health-care/")

        assert_shows_only(response, visible, hidden)
        assert response.context["theme"].published_count == 1
        assert '<h2 id="measures-heading">1 measure</h2>' in response.content.decode()

    def test_hidden_measure_is_absent_from_its_partner_page(self, client, visible, hidden):
        response = client.get("/en/partners/paijat-hame/")

        assert_shows_only(response, visible, hidden)
        assert response.context["partner"].published_count == 1
        assert '<h2 id="measures-heading">1 measure</h2>' in response.content.decode()

    def test_hidden_measure_is_not_counted_on_the_region_list(
        self, client, region, visible, hidden
    ):
        response = client.get("/en/regions/")

        assert tile_count(response.content.decode(), region.name) == "1 measure"
        assert [r.published_count for r in response.context["regions"]] == [1]

    def test_hidden_measure_is_not_counted_on_the_theme_list(self, client, theme, visible, hidden):
        response = client.get("/en/themes/")

        assert tile_count(response.content.decode(), theme.name) == "1 measure"
        assert [t.published_count for t in response.context["themes"]] == [1]

    def test_hidden_measure_is_not_counted_on_the_partner_list(
        self, client, partner, visible, hidden
    ):
        response = client.get("/en/partners/")

        assert tile_count(response.content.decode(), partner.name) == "1 measure"
        counts = {p.slug: p.published_count for p in response.context["partners"]}
        assert counts["paijat-hame"] == 1

    def test_hidden_measure_is_not_counted_in_the_region_tiles_of_the_home_page(
        self, client, region, theme, visible, hidden
    ):
        html = client.get("/en/").content.decode()

        assert tile_count(html, region.name) == "1 measure"
        assert tile_count(html, theme.name) == "1 measure"


class TestPublishedMeasure:
    def test_published_measures_own_page_shows_it(self, client, visible):
        response = client.get("/en/measures/visible-published-measure/")

        assert response.status_code == 200
        assert response.context["measure"] == visible
        assert "<h1>Visible published measure</h1>" in response.content.decode()

    def test_measure_with_two_themes_is_counted_once_per_theme(self, client, region, theme):
        other_theme = MeasureFactory(region=region).categories.get()
        MeasureFactory(region=region, categories=[theme, other_theme])

        response = client.get("/en/themes/")

        counts = {t.slug: t.published_count for t in response.context["themes"]}
        assert counts == {theme.slug: 1, other_theme.slug: 2}


class TestArchivedMeasure:
    def test_detail_page_of_an_archived_measure_is_not_found(self, client, region, theme):
        measure = MeasureFactory(title="Finished pilot", region=region, categories=[theme])
        assert client.get("/en/measures/finished-pilot/").status_code == 200

        measure.status = Measure.Status.ARCHIVED
        measure.save()

        response = client.get("/en/measures/finished-pilot/")
        assert response.status_code == 404
        assert "This page does not exist" in response.content.decode()


class TestSignedInVisitor:
    @pytest.mark.parametrize("state", HIDDEN_STATES, ids=str)
    def test_signed_in_visitor_without_staff_status_cannot_open_a_hidden_measure(
        self, client, django_user_model, region, state
    ):
        measure = MeasureFactory(region=region, status=state, published_at=None)
        client.force_login(django_user_model.objects.create_user("visitor", password="pw"))

        assert client.get(f"/en/measures/{measure.slug}/").status_code == 404


class TestOtherPublicSurfaces:
    """Feeds, exports, the API, the sitemap, comparisons and related measures show the
    public catalogue too; the hidden measure's address must never appear in them."""

    @pytest.mark.parametrize(
        "url",
        [
            "/en/measures/feed/",
            "/en/measures/export.csv",
            "/en/measures/export.json",
            "/api/measures/",
            "/sitemap-measures.xml",
        ],
    )
    def test_hidden_measure_is_absent_from(self, client, visible, hidden, url):
        response = client.get(url)

        assert response.status_code == 200
        body = b"".join(response) if response.streaming else response.content
        assert visible.slug.encode() in body
        assert hidden.slug.encode() not in body

    def test_comparison_treats_a_hidden_measure_like_a_mistyped_address(
        self, client, visible, hidden
    ):
        response = client.get(f"/en/compare/?m={visible.slug}&m={hidden.slug}&m=no-such-measure")

        assert response.status_code == 200
        assert response.context["measures"] == [visible]
        assert response.context["missing"] == [hidden.slug, "no-such-measure"]
        assert hidden.title not in response.content.decode()

    def test_hidden_measure_is_not_related_to_the_published_one(self, client, visible, hidden):
        response = client.get(f"/en/measures/{visible.slug}/")

        assert hidden not in response.context["related_measures"]
        assert hidden.get_absolute_url() not in response.content.decode()

    def test_hidden_measure_is_not_found_in_the_api(self, client, visible, hidden):
        assert client.get(f"/api/measures/{visible.slug}/").status_code == 200
        assert client.get(f"/api/measures/{hidden.slug}/").status_code == 404
