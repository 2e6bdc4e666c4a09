"""Nasty query strings and unknown addresses get a clear answer, never a 500.

A rejected filter value shows a warning naming the filter and is left out; the
valid filters of the same request still apply. An unknown page number shows the
first or the last page. An unknown slug in a path is a 404 on the site's own page.
"""

from urllib.parse import urlencode

import pytest

from measures.models import Measure
from tests.factories import MeasureFactory, RegionFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"
WARNING = "Some filters were left out"


@pytest.fixture
def catalogue(region, theme):
    """One measure in Päijät-Häme, one in Lower Austria; two themes; one target group."""
    lower_austria = RegionFactory(
        name="Lower Austria", slug="lower-austria", country="AT", nuts_code="AT12"
    )
    return {
        "home care": MeasureFactory(
            title="Remote home care unit",
            region=region,
            categories=[theme],
            target_groups=[TargetGroupFactory(name="Older people", slug="older-people")],
            start_year=2019,
        ),
        "hub": MeasureFactory(title="Coworking hub", region=lower_austria, start_year=2022),
    }


def get(client, pairs):
    response = client.get(f"{URL}?{urlencode(pairs)}")
    assert response.status_code == 200
    return response


def warned_labels(response):
    return {str(label) for label, _errors in response.context["invalid_filters"]}


def shown(response):
    return {measure.title for measure in response.context["measures"]}


BOTH = {"Remote home care unit", "Coworking hub"}

REJECTED = [
    pytest.param([("region", "atlantis")], {"Region"}, id="unknown-region"),
    pytest.param([("theme", "nope")], {"Theme"}, id="unknown-theme"),
    pytest.param([("partner", "acme")], {"Partner"}, id="unknown-partner"),
    pytest.param([("target", "martians")], {"Target group"}, id="unknown-target"),
    pytest.param([("country", "XX")], {"Country"}, id="unknown-country"),
    pytest.param([("country", "FR")], {"Country"}, id="country-without-region"),
    pytest.param([("country", "fi")], {"Country"}, id="country-lower-case"),
    pytest.param([("year_from", "abc")], {"Started from"}, id="year-not-a-number"),
    pytest.param([("year_from", str(10**30))], {"Started from"}, id="year-huge"),
    pytest.param([("year_from", "-2020")], {"Started from"}, id="year-negative"),
    pytest.param([("year_from", "2020.5")], {"Started from"}, id="year-fraction"),
    pytest.param([("year_from", "1e3")], {"Started from"}, id="year-exponent"),
    pytest.param([("year_to", "NaN")], {"Started until"}, id="year-nan"),
    pytest.param([("year_to", "1066")], {"Started until"}, id="year-too-early"),
    pytest.param([("sort", "evil")], {"Sort by"}, id="unknown-sort"),
    pytest.param([("sort", "-published_at")], {"Sort by"}, id="sort-field-name"),
    pytest.param([("q", "care " * 2000)], {"Search"}, id="search-10000-characters"),
    pytest.param([("region", "paijat\x00hame")], {"Region"}, id="region-nul-byte"),
    pytest.param([("theme", "\x00")], {"Theme"}, id="theme-nul-byte"),
    pytest.param([("partner", "a\x00")], {"Partner"}, id="partner-nul-byte"),
    pytest.param([("target", "\x00")], {"Target group"}, id="target-nul-byte"),
    pytest.param([("country", "\x00")], {"Country"}, id="country-nul-byte"),
    pytest.param([("region", "🦄")], {"Region"}, id="region-emoji"),
    pytest.param([("region", "x" * 10_000)], {"Region"}, id="region-10000-characters"),
    pytest.param([("theme", "' OR 1=1 --")], {"Theme"}, id="theme-sql"),
    pytest.param(
        [("region", "paijat-hame"), ("region", "atlantis")], {"Region"}, id="region-one-unknown"
    ),
    pytest.param(
        [("year_from", "abc"), ("year_to", "xyz"), ("sort", "evil"), ("theme", "nope")],
        {"Started from", "Started until", "Sort by", "Theme"},
        id="several-rejected",
    ),
]


class TestRejectedValues:
    @pytest.mark.parametrize(("pairs", "labels"), REJECTED)
    def test_rejected_value_gives_a_warning_and_the_unfiltered_list(
        self, client, catalogue, pairs, labels
    ):
        response = get(client, pairs)

        assert warned_labels(response) == labels
        html = response.content.decode()
        assert WARNING in html
        for label in labels:
            assert f"<strong>{label}:</strong>" in html
        assert shown(response) == BOTH

    def test_unknown_theme_beside_a_valid_region_still_filters_by_region(self, client, catalogue):
        response = get(client, [("region", "paijat-hame"), ("theme", "nope")])

        assert shown(response) == {"Remote home care unit"}
        assert warned_labels(response) == {"Theme"}
        assert "1 measure" in response.content.decode()

    @pytest.mark.parametrize(
        ("pairs", "labels", "expected"),
        [
            (
                [("year_from", "abc"), ("theme", "e-health-care")],
                {"Started from"},
                {"Remote home care unit"},
            ),
            ([("sort", "evil"), ("region", "lower-austria")], {"Sort by"}, {"Coworking hub"}),
            ([("country", "XX"), ("year_from", "2020")], {"Country"}, {"Coworking hub"}),
            ([("target", "nope"), ("q", "care")], {"Target group"}, {"Remote home care unit"}),
            ([("partner", "nope"), ("year_to", "2020")], {"Partner"}, {"Remote home care unit"}),
        ],
    )
    def test_valid_filters_in_the_same_request_still_apply(
        self, client, catalogue, pairs, labels, expected
    ):
        response = get(client, pairs)

        assert warned_labels(response) == labels
        assert shown(response) == expected

    def test_search_words_with_a_nul_byte_are_searched_without_it(self, client, catalogue):
        # Control characters are taken out of the words, not the words out of the search
        # (tests/catalogue/test_control_characters_in_search.py).
        query = urlencode([("q", "hub\x00"), ("country", "AT")])

        response = client.get(f"{URL}?{query}", follow=True)

        assert response.redirect_chain == [(f"{URL}?q=hub&country=AT", 301)]
        assert warned_labels(response) == set()
        assert shown(response) == {"Coworking hub"}

    def test_rejected_sort_falls_back_to_newest_first(self, client, catalogue):
        response = get(client, [("sort", "evil")])

        titles = [measure.title for measure in response.context["measures"]]
        expected = Measure.objects.published().latest().values_list("title", flat=True)
        assert titles == list(expected)


class TestAcceptedOddValues:
    @pytest.mark.parametrize(
        "pairs",
        [
            pytest.param([("page", "abc")], id="page-not-a-number"),
            pytest.param([("page", "0")], id="page-zero"),
            pytest.param([("page", "-1")], id="page-negative"),
            pytest.param([("page", "99999999999999999999")], id="page-huge"),
            pytest.param([("page", "1.5")], id="page-fraction"),
            pytest.param([("page", "")], id="page-empty"),
            pytest.param([("q", "🦄 care 🚀")], id="search-emoji"),
            pytest.param([("q", "رعاية منزلية")], id="search-arabic-rtl"),
            pytest.param([("q", "a " * 100)], id="search-many-words"),
            pytest.param([("year_from", "")], id="year-empty"),
            pytest.param([("year_from", " 2019 ")], id="year-padded"),
            pytest.param([("sort", "")], id="sort-empty"),
            pytest.param([("q", "care"), ("q", "hub")], id="repeated-search"),
            pytest.param([("year_from", "2019"), ("year_from", "2021")], id="repeated-year"),
            pytest.param([("sort", "title"), ("sort", "region")], id="repeated-sort"),
            pytest.param([("region", "paijat-hame")] * 50, id="repeated-region"),
            pytest.param([("page", "1"), ("page", "2")], id="repeated-page"),
            pytest.param([("utm_source", "x"), ("region[]", "y")], id="unknown-keys"),
        ],
    )
    def test_odd_but_harmless_value_gives_the_page_without_a_warning(
        self, client, catalogue, pairs
    ):
        response = get(client, pairs)

        assert warned_labels(response) == set()
        assert WARNING not in response.content.decode()

    def test_a_bidi_override_in_the_search_goes_to_the_address_without_it(self, client, catalogue):
        # An invisible format character is taken out of the search words as a control
        # character is (catalogue.filters.without_control_characters): it would turn the
        # words around in the search box, the heading and the feed's title.
        query = urlencode([("q", "טיפול\u202ebidi")])
        response = client.get(f"{URL}?{query}")

        assert response.status_code == 301
        assert response["Location"] == f"{URL}?{urlencode([('q', 'טיפולbidi')])}"
        followed = get(client, [("q", "טיפולbidi")])
        assert warned_labels(followed) == set()
        assert WARNING not in followed.content.decode()

    def test_crossed_years_go_to_the_address_with_them_in_order(self, client, catalogue):
        response = client.get(f"{URL}?year_from=2023&year_to=2019")

        assert response.status_code == 301
        assert response["Location"] == f"{URL}?year_from=2019&year_to=2023"
        followed = get(client, [("year_from", "2019"), ("year_to", "2023")])
        assert warned_labels(followed) == set()
        assert WARNING not in followed.content.decode()

    @pytest.mark.parametrize(
        ("page", "expected"),
        [("abc", 1), ("0", 1), ("-1", 1), ("99999999999999999999", 2), ("2", 2)],
    )
    def test_unknown_page_number_shows_the_first_or_last_page(
        self, client, region, theme, page, expected
    ):
        for _ in range(21):
            MeasureFactory(region=region, categories=[theme])

        response = get(client, [("page", page)])

        assert response.context["page_obj"].number == expected

    def test_invalid_utf8_in_the_query_string_is_harmless(self, client, catalogue):
        response = client.get(f"{URL}?q=%ff%fe&region=%c3")

        assert response.status_code == 200
        # Two replacement characters are no words to search (test_search_without_words.py).
        assert warned_labels(response) == {"Region", "Search"}

    def test_repeated_year_uses_the_last_value(self, client, catalogue):
        response = get(client, [("year_from", "2010"), ("year_from", "2021")])

        assert shown(response) == {"Coworking hub"}


class TestUnknownAddresses:
    @pytest.mark.parametrize(
        "path",
        [
            "/en/measures/no-such-measure/",
            "/en/regions/atlantis/",
            "/en/themes/no-such-theme/",
            "/en/partners/acme/",
            "/en/no-such-page/",
            "/en/measures/%F0%9F%A6%84/",
            "/en/measures/a%00b/",
        ],
    )
    def test_unknown_slug_is_not_found_on_the_sites_404_page(self, client, catalogue, path):
        response = client.get(path)

        assert response.status_code == 404
        assert "404.html" in [template.name for template in response.templates]
        html = response.content.decode()
        assert "This page does not exist" in html
        assert 'class="site-header"' in html
