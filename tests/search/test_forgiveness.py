"""Search forgives accents, case, spelling variants and typos, on SQLite and PostgreSQL alike."""

import pytest

from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


def titles(response):
    return [measure.title for measure in response.context["measures"]]


@pytest.fixture
def catalogue():
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")
    barcelona = RegionFactory(
        name="Province of Barcelona",
        slug="barcelona",
        country="ES",
        nuts_code="ES511",
        partner=PartnerFactory(name="Diputació de Barcelona", short_name="DIBA"),
    )
    MeasureFactory(
        title="Fast broadband support programme",
        summary="National aid pays for fibre networks where none would be built.",
        region=lahti,
    )
    MeasureFactory(
        title="Neàpolis innovation hub",
        title_local="Neàpolis",
        summary="Co-working space and an incubator for digital start-ups.",
        region=barcelona,
    )
    MeasureFactory(
        title="Patient portal",
        summary="An e-Health system that lets patients book visits online.",
        description="Wi-Fi in every waiting room. The digitalisation of records came first.",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Paijat-Hame", "Fast broadband support programme"),
        ("paijat hame", "Fast broadband support programme"),
        ("PÄIJÄT-HÄME", "Fast broadband support programme"),
        ("Neapolis", "Neàpolis innovation hub"),
        ("neàpolis", "Neàpolis innovation hub"),
        ("Diputacio", "Neàpolis innovation hub"),
    ],
)
def test_accents_and_case_never_matter(client, catalogue, query, expected):
    assert titles(client.get(URL, {"q": query})) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fiber", "Fast broadband support programme"),
        ("fibre", "Fast broadband support programme"),
        ("program", "Fast broadband support programme"),
        ("coworking", "Neàpolis innovation hub"),
        ("co-working", "Neàpolis innovation hub"),
        ("startups", "Neàpolis innovation hub"),
        ("ehealth", "Patient portal"),
        ("e-health", "Patient portal"),
        ("e health", "Patient portal"),
        ("wifi", "Patient portal"),
        ("digitalization", "Patient portal"),
    ],
)
def test_spelling_variants_find_the_same_measure(client, catalogue, query, expected):
    assert titles(client.get(URL, {"q": query})) == [expected]


def test_a_misspelled_word_shows_the_results_of_the_nearest_word(client, catalogue):
    response = client.get(URL, {"q": "brodband"})

    assert titles(response) == ["Fast broadband support programme"]
    assert response.context["corrected_from"] == "brodband"
    assert response.context["suggestion"] == "broadband"
    html = response.content.decode()
    assert "Showing results for <strong>broadband</strong>;" in html
    assert "search instead for <em>brodband</em>" in html


def test_only_the_unknown_words_are_corrected(client, catalogue):
    response = client.get(URL, {"q": "Patient portl"})

    assert titles(response) == ["Patient portal"]
    assert response.context["suggestion"] == "Patient portal"


def test_the_page_of_a_correction_links_to_the_corrected_words(client, catalogue):
    html = client.get(URL, {"q": "brodband", "sort": "title"}).content.decode()

    assert 'href="/en/measures/export.csv?q=broadband&amp;sort=title"' in html
    assert 'href="/en/measures/feed/?q=broadband"' in html
    assert (
        '<link rel="canonical" href="http://testserver/en/measures/?q=broadband&amp;sort=title">'
        in html
    )


def test_search_instead_searches_the_words_as_typed(client, catalogue):
    response = client.get(URL, {"q": "brodband", "exact": "1"})

    assert titles(response) == []
    assert "corrected_from" not in response.context
    assert "Showing results for" not in response.content.decode()


def test_a_correction_that_finds_nothing_with_the_filters_is_not_made(client, catalogue):
    response = client.get(URL, {"q": "brodband", "region": "barcelona"})

    assert titles(response) == []
    assert "corrected_from" not in response.context


def test_a_search_with_operators_is_not_corrected(client, catalogue):
    response = client.get(URL, {"q": '"brodband support"'})

    assert titles(response) == []
    assert "corrected_from" not in response.context


def test_a_theme_name_without_its_accents_finds_its_measures(client):
    theme = CategoryFactory(name="Télé-assistance à domicile", slug="teleassistance")
    MeasureFactory(title="Red button service", categories=[theme])

    assert titles(client.get(URL, {"q": "tele assistance domicile"})) == ["Red button service"]


def test_the_filter_form_keeps_the_words_as_typed_after_search_instead(client, catalogue):
    html = client.get(URL, {"q": "brodband", "exact": "1"}).content.decode()

    assert '<input type="hidden" name="exact" value="brodband" form="filter-form">' in html


def test_a_filter_changed_after_search_instead_still_searches_the_words_as_typed(client, catalogue):
    # What the filter form sends when a region is ticked after "search instead".
    response = client.get(URL, {"q": "brodband", "exact": "brodband", "region": "paijat-hame"})

    assert titles(response) == []
    assert "corrected_from" not in response.context
    assert response.context["words_find_nothing"] is True


def test_other_words_typed_after_search_instead_are_corrected_again(client, catalogue):
    response = client.get(URL, {"q": "patient portl", "exact": "brodband"})

    assert titles(response) == ["Patient portal"]
    assert response.context["corrected_from"] == "patient portl"
    assert '<input type="hidden" name="exact"' not in response.content.decode()


def test_a_page_without_search_instead_sends_no_exact(client, catalogue):
    html = client.get(URL, {"q": "broadband"}).content.decode()

    assert 'name="exact"' not in html


def test_words_searched_as_typed_that_find_nothing_offer_their_correction(client, catalogue):
    response = client.get(URL, {"q": "brodband", "exact": "1"})

    html = response.content.decode()
    assert "nor words close to them" not in html
    assert "No measure contains the words <strong>brodband</strong> as they are typed." in html
    assert '<a href="?q=broadband">Search for <em>broadband</em> instead</a>' in html


def test_words_without_a_correction_say_nothing_is_close_to_them(client, catalogue):
    html = client.get(URL, {"q": "qzxvkk", "exact": "1"}).content.decode()

    assert "nor words close to them" in html
    assert "Search for" not in html
