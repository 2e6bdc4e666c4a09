"""The measure list: facets, years, search, sort, pagination, filter chips and empty states."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from measures.models import Measure
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


def titles(response):
    """Titles of the measures on the page, in order."""
    assert response.status_code == 200
    return [measure.title for measure in response.context["measures"]]


def hrefs(html, css_class):
    """The decoded query strings of the links inside the first element with `css_class`."""
    block = re.search(rf'<(\w+) class="{css_class}".*?</\1>', html, re.S)
    assert block, f"no .{css_class} on the page"
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', block.group(0))]


def chip_links(html):
    """{visible chip text: parsed query string of its link} of the active-filter chips."""
    links = {}
    for query, inner in re.findall(r'<a class="chip" href="\?([^"]*)">(.*?)</a>', html, re.S):
        text = re.sub(r"<[^>]+>", "", inner).replace("×", "").replace("(remove this filter)", "")
        links[" ".join(text.split())] = parse_qs(unescape(query))
    return links


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def without_key(query, name):
    return {key: values for key, values in query.items() if key != name}


@pytest.fixture
def catalogue():
    """Three measures in three countries, spread over themes, target groups and years."""
    paijat_hame = RegionFactory(
        name="Päijät-Häme",
        slug="paijat-hame",
        country="FI",
        nuts_code="FI1C3",
        partner=PartnerFactory(name="Regional Council of Päijät-Häme", slug="rcph"),
    )
    lower_austria = RegionFactory(
        name="Lower Austria",
        slug="lower-austria",
        country="AT",
        nuts_code="AT12",
        partner=PartnerFactory(name="Ecoplus", slug="ecoplus", country="AT"),
    )
    barcelona = RegionFactory(
        name="Barcelona province",
        slug="barcelona",
        country="ES",
        nuts_code="ES511",
        partner=PartnerFactory(name="Diputació de Barcelona", slug="diba", country="ES"),
    )
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    services = CategoryFactory(name="E-services", slug="e-services")
    remote_work = CategoryFactory(name="Remote work", slug="remote-work")
    older_people = TargetGroupFactory(name="Older people", slug="older-people")
    smes = TargetGroupFactory(name="Small businesses", slug="smes")
    return {
        "bus": MeasureFactory(
            title="Digital skills bus",
            region=paijat_hame,
            categories=[skills],
            target_groups=[older_people],
            start_year=2018,
            published_at=days_ago(30),
        ),
        "points": MeasureFactory(
            title="Municipal e-service points",
            region=lower_austria,
            categories=[services, skills],
            target_groups=[smes, older_people],
            start_year=2021,
            published_at=days_ago(10),
        ),
        "hubs": MeasureFactory(
            title="Rural coworking hubs",
            region=barcelona,
            categories=[remote_work],
            target_groups=[smes],
            start_year=2023,
            published_at=days_ago(20),
        ),
    }


BUS, POINTS, HUBS = "Digital skills bus", "Municipal e-service points", "Rural coworking hubs"


class TestFilters:
    def test_unfiltered_list_shows_every_published_measure_newest_first(self, client, catalogue):
        response = client.get(URL)

        assert titles(response) == [POINTS, HUBS, BUS]
        assert "3 measures" in response.content.decode()

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("region=paijat-hame", {BUS}),
            ("country=AT", {POINTS}),
            ("theme=remote-work", {HUBS}),
            ("theme=digital-skills", {BUS, POINTS}),
            ("target=older-people", {BUS, POINTS}),
            ("target=smes", {POINTS, HUBS}),
            ("partner=diba", {HUBS}),
            ("year_from=2021", {POINTS, HUBS}),
            ("year_to=2021", {BUS, POINTS}),
            ("q=coworking", {HUBS}),
        ],
    )
    def test_each_filter_alone_narrows_the_list(self, client, catalogue, query, expected):
        response = client.get(f"{URL}?{query}")

        assert set(titles(response)) == expected
        assert response.context["paginator"].count == len(expected)
        assert not response.context["invalid_filters"]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("region=paijat-hame&region=barcelona", {BUS, HUBS}),
            ("country=FI&country=ES", {BUS, HUBS}),
            ("theme=remote-work&theme=e-services", {POINTS, HUBS}),
            ("partner=rcph&partner=ecoplus", {BUS, POINTS}),
        ],
    )
    def test_several_values_of_one_facet_are_ored(self, client, catalogue, query, expected):
        assert set(titles(client.get(f"{URL}?{query}"))) == expected

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("region=paijat-hame&theme=e-services", set()),
            ("region=paijat-hame&region=lower-austria&theme=e-services", {POINTS}),
            ("theme=digital-skills&target=smes", {POINTS}),
            ("country=AT&country=ES&target=smes&year_to=2022", {POINTS}),
            ("theme=digital-skills&year_from=2019&year_to=2022", {POINTS}),
            ("partner=diba&q=coworking&year_from=2023", {HUBS}),
            ("q=digital&region=lower-austria", {POINTS}),
            ("region=paijat-hame&country=FI&theme=digital-skills&target=older-people", {BUS}),
        ],
    )
    def test_different_facets_are_anded(self, client, catalogue, query, expected):
        response = client.get(f"{URL}?{query}")

        assert set(titles(response)) == expected
        assert response.context["paginator"].count == len(expected)

    def test_measure_with_two_selected_themes_appears_once(self, client, catalogue):
        response = client.get(f"{URL}?theme=digital-skills&theme=e-services")

        assert sorted(titles(response)) == [BUS, POINTS]
        assert response.context["paginator"].count == 2
        assert "2 measures" in response.content.decode()

    def test_measure_with_two_selected_target_groups_appears_once(self, client, catalogue):
        response = client.get(f"{URL}?target=smes&target=older-people")

        assert sorted(titles(response)) == [BUS, POINTS, HUBS]

    def test_year_range_is_inclusive(self, client, catalogue):
        assert titles(client.get(f"{URL}?year_from=2021&year_to=2021")) == [POINTS]

    def test_years_typed_the_wrong_way_round_go_to_the_range_between_them(self, client, catalogue):
        response = client.get(f"{URL}?theme=digital-skills&year_from=2022&year_to=2019")

        assert response.status_code == 301
        assert response["Location"] == f"{URL}?theme=digital-skills&year_from=2019&year_to=2022"
        assert titles(client.get(response["Location"])) == [POINTS]

    def test_the_api_reads_years_typed_the_wrong_way_round_as_the_range_between(
        self, client, catalogue
    ):
        data = client.get("/api/measures/?theme=digital-skills&year_from=2022&year_to=2019")

        assert [row["title"] for row in data.json()["results"]] == [POINTS]

    def test_country_facet_offers_only_countries_with_a_region(self, client, catalogue):
        choices = client.get(URL).context["filter"].form.fields["country"].choices

        assert [code for code, _label in choices] == ["AT", "ES", "FI"]


class TestSort:
    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            ("newest", [POINTS, HUBS, BUS]),
            ("title", [BUS, POINTS, HUBS]),
            ("region", [HUBS, POINTS, BUS]),
        ],
    )
    def test_sort_orders_the_measures(self, client, catalogue, sort, expected):
        assert titles(client.get(f"{URL}?sort={sort}")) == expected

    def test_region_sort_orders_by_title_within_a_region(self, client, catalogue):
        region = catalogue["bus"].region
        MeasureFactory(title="Assistive tech library", region=region)

        response = client.get(f"{URL}?sort=region")

        assert titles(response) == [HUBS, POINTS, "Assistive tech library", BUS]

    def test_sort_applies_after_the_filters(self, client, catalogue):
        assert titles(client.get(f"{URL}?theme=digital-skills&sort=title")) == [BUS, POINTS]

    def test_chosen_sort_is_selected_in_the_form(self, client, catalogue):
        html = client.get(f"{URL}?sort=title").content.decode()

        assert '<option value="title" selected>' in html
        assert '<option value="newest">' in html


@pytest.fixture
def many_measures(region, theme):
    """45 published measures in one region, newest first by number, plus 3 elsewhere."""
    now = timezone.now()
    for n in range(45):
        MeasureFactory(
            title=f"Measure {n:02d}",
            region=region,
            categories=[theme],
            published_at=now - timedelta(hours=n),
        )
    other_region = RegionFactory(name="Lower Austria", slug="lower-austria", country="AT")
    for n in range(3):
        MeasureFactory(
            title=f"Elsewhere {n}",
            region=other_region,
            categories=[theme],
            published_at=now - timedelta(days=30 + n),
        )


class TestPagination:
    def test_first_page_shows_20_of_the_total(self, client, many_measures):
        response = client.get(URL)

        html = response.content.decode()
        assert len(titles(response)) == 20
        assert "48 measures" in html
        assert "Showing 1–20 of 48" in html

    def test_last_page_shows_the_rest(self, client, many_measures):
        response = client.get(f"{URL}?page=3")

        expected = [f"Measure {n}" for n in range(40, 45)] + [f"Elsewhere {n}" for n in range(3)]
        assert titles(response) == expected
        assert "Showing 41–48 of 48" in response.content.decode()

    @pytest.mark.parametrize("page", ["0", "-1", "-30"])
    def test_a_page_number_below_one_shows_the_first_page(self, client, many_measures, page):
        response = client.get(f"{URL}?page={page}")

        assert "Showing 1–20 of 48" in response.content.decode()

    def test_pages_do_not_overlap(self, client, many_measures):
        seen = []
        for page in (1, 2, 3):
            seen += titles(client.get(f"{URL}?page={page}"))

        assert len(seen) == len(set(seen)) == 48

    def test_page_2_keeps_the_region_filter_in_the_pagination_links(self, client, many_measures):
        response = client.get(f"{URL}?region=paijat-hame&page=2")

        assert titles(response) == [f"Measure {n:02d}" for n in range(20, 40)]
        assert "45 measures" in response.content.decode()
        links = hrefs(response.content.decode(), "pagination")
        assert links, "no pagination links"
        for link in links:
            query = parse_qs(urlsplit(link).query)
            assert query["region"] == ["paijat-hame"], link
        pages = {parse_qs(urlsplit(link).query)["page"][0] for link in links}
        assert pages == {"1", "2", "3"}

    def test_pagination_links_keep_every_value_of_a_facet_and_the_sort(self, client, many_measures):
        response = client.get(f"{URL}?region=paijat-hame&region=lower-austria&sort=title")

        for link in hrefs(response.content.decode(), "pagination"):
            query = parse_qs(urlsplit(link).query)
            assert query["region"] == ["paijat-hame", "lower-austria"]
            assert query["sort"] == ["title"]

    def test_single_page_has_no_pagination(self, client, catalogue):
        html = client.get(URL).content.decode()

        assert 'class="pagination"' not in html
        assert "Showing" not in html


class TestActiveFilterChips:
    def chips(self, response):
        return response.context["active_filters"]

    def test_no_chip_without_filters(self, client, catalogue):
        response = client.get(f"{URL}?sort=title&page=1")

        assert self.chips(response) == []
        assert 'class="chips"' not in response.content.decode()

    def test_each_value_has_a_chip_whose_link_removes_exactly_that_value(self, client, catalogue):
        response = client.get(
            f"{URL}?region=paijat-hame&region=barcelona&theme=digital-skills"
            "&year_from=2015&q=digital&sort=title&page=1"
        )

        links = chip_links(response.content.decode())
        base = {
            "region": ["paijat-hame", "barcelona"],
            "theme": ["digital-skills"],
            "year_from": ["2015"],
            "q": ["digital"],
            "sort": ["title"],
        }

        assert links == {
            "Region: Päijät-Häme": {**base, "region": ["barcelona"]},
            "Region: Barcelona province": {**base, "region": ["paijat-hame"]},
            "Theme: Digital skills": without_key(base, "theme"),
            "Started from: 2015": without_key(base, "year_from"),
            "Search: digital": without_key(base, "q"),
        }

    def test_chip_for_country_target_partner_and_year_to(self, client, catalogue):
        response = client.get(f"{URL}?country=AT&target=smes&partner=ecoplus&year_to=2030")

        chips = {chip["label"]: (chip["text"], chip["query"]) for chip in self.chips(response)}
        assert chips == {
            "Country": ("Austria", "target=smes&partner=ecoplus&year_to=2030"),
            "Target group": ("Small businesses", "country=AT&partner=ecoplus&year_to=2030"),
            "Partner": ("Ecoplus", "country=AT&target=smes&year_to=2030"),
            "Started until": (2030, "country=AT&target=smes&partner=ecoplus"),
        }

    def test_several_chips_offer_to_clear_all_filters(self, client, catalogue):
        html = client.get(f"{URL}?region=paijat-hame&theme=digital-skills").content.decode()

        assert '<a class="chip chip--clear" href="/en/measures/">Clear all filters</a>' in html

    def test_rejected_value_has_no_chip(self, client, catalogue):
        response = client.get(f"{URL}?region=paijat-hame&theme=nope")

        assert [chip["text"] for chip in self.chips(response)] == ["Päijät-Häme"]


class TestEmptyStates:
    def test_empty_catalogue_says_nothing_is_published_yet(self, client):
        html = client.get(URL).content.decode()

        assert "No measures published yet" in html
        assert "No measure matches these filters" not in html
        assert "0 measures" in html

    def test_catalogue_with_only_unpublished_measures_says_nothing_is_published_yet(self, client):
        MeasureFactory(status=Measure.Status.SUBMITTED, published_at=None)

        html = client.get(URL).content.decode()

        assert "No measures published yet" in html

    def test_filters_that_match_nothing_say_so(self, client, catalogue):
        html = client.get(f"{URL}?region=paijat-hame&theme=remote-work").content.decode()

        assert "No measure matches these filters" in html
        assert "No measures published yet" not in html
        assert "0 measures" in html

    def test_search_that_matches_nothing_says_so(self, client, catalogue):
        html = client.get(f"{URL}?q=zeppelin").content.decode()

        assert "No measure matches these filters" in html


class TestSearch:
    @pytest.mark.parametrize(
        "field",
        [
            "title",
            "title_local",
            "summary",
            "description",
            "problem",
            "resources",
            "evidence",
            "difficulties",
            "transfer_potential",
            "main_institution",
        ],
    )
    def test_search_finds_a_word_in_a_text_of_the_measure(self, client, region, theme, field):
        MeasureFactory(title="Unrelated measure", region=region, categories=[theme])
        fields = {"title": "Found measure"} if field != "title" else {}
        fields[field] = "Something with the word Kaleidoscope in it"
        found = MeasureFactory(region=region, categories=[theme], **fields)

        response = client.get(URL, {"q": "kaleidoscope"})

        assert titles(response) == [found.title]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("Päijät", {BUS}),  # region name
            ("Austria", {POINTS}),  # region name
            ("Ecoplus", {POINTS}),  # partner name
            ("Diputació", {HUBS}),  # partner name
            ("remote work", {HUBS}),  # theme name
            ("e-services", {POINTS}),  # theme name; the title says "e-service"
        ],
    )
    def test_search_finds_region_partner_and_theme_names(self, client, catalogue, query, expected):
        assert set(titles(client.get(URL, {"q": query}))) == expected

    def test_search_ignores_case(self, client, catalogue):
        assert titles(client.get(URL, {"q": "COWORKING"})) == [HUBS]

    def test_every_word_must_match_somewhere(self, client, catalogue):
        assert titles(client.get(URL, {"q": "digital bus"})) == [BUS]
        assert titles(client.get(URL, {"q": "digital zeppelin"})) == []

    def test_words_may_match_different_fields(self, client, catalogue):
        # "coworking" is in the title, "Barcelona" in the region's and the partner's names.
        assert titles(client.get(URL, {"q": "Barcelona coworking"})) == [HUBS]

    def test_blank_search_shows_everything(self, client, catalogue):
        response = client.get(URL, {"q": "   "})

        assert len(titles(response)) == 3
        assert response.context["active_filters"] == []

    def test_search_is_kept_in_the_search_box(self, client, catalogue):
        html = client.get(URL, {"q": "coworking"}).content.decode()

        assert 'value="coworking"' in html


class TestChipsOfSingleValuedFilters:
    @pytest.mark.parametrize(
        ("query", "name"),
        [
            ("q=coworking+", "q"),
            ("q=+coworking&q=hubs", "q"),
            ("year_from=+2015", "year_from"),
            ("year_to=2030&year_to=2031", "year_to"),
        ],
    )
    def test_chip_removes_the_filter_whatever_its_spelling(self, client, catalogue, query, name):
        response = client.get(f"{URL}?{query}&region=barcelona")

        chip = next(
            c for c in response.context["active_filters"] if c["text"] != "Barcelona province"
        )
        assert parse_qs(chip["query"]) == {"region": ["barcelona"]}, f"the chip keeps {name}"
