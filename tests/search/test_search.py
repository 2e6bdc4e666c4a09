"""Search: relevance, prefixes, websearch syntax, typo corrections and "why it matched".

Every test runs on both databases: SQLite by default, PostgreSQL in CI.
"""

import pytest

from measures.models import Measure
from tests.factories import CategoryFactory, MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


def titles(response):
    return [measure.title for measure in response.context["measures"]]


@pytest.fixture
def small_catalogue():
    care = CategoryFactory(name="E-health and home care", slug="e-health-care")
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    lahti = RegionFactory(name="Päijät-Häme", slug="paijat-hame", nuts_code="FI1C3")
    MeasureFactory(
        title="Coworking hubs in market towns",
        summary="Desks near home for commuters.",
        description="Each hub has a community manager.",
        region=lahti,
        categories=[skills],
    )
    MeasureFactory(
        title="Remote home care unit",
        summary="Nurses visit older people by video.",
        description="Tablets, medicine dispensers and coworking with relatives.",
        region=lahti,
        categories=[care],
    )
    MeasureFactory(
        title="Library courses",
        summary="Volunteers teach tablet basics.",
        description="The problem was that older people could not book care online.",
        problem="Many residents never used an e-service.",
        categories=[skills],
    )


def test_title_matches_rank_above_description_matches(client, small_catalogue):
    response = client.get(URL, {"q": "coworking"})

    assert titles(response) == ["Coworking hubs in market towns", "Remote home care unit"]


def test_the_last_word_matches_as_a_prefix(client, small_catalogue):
    response = client.get(URL, {"q": "cowork"})

    assert "Coworking hubs in market towns" in titles(response)


def test_stemming_finds_other_forms_of_a_word(client, small_catalogue):
    response = client.get(URL, {"q": "nursing visits"})

    assert titles(response) == ["Remote home care unit"]


def test_websearch_syntax_excludes_words(client, small_catalogue):
    response = client.get(URL, {"q": "care -video"})

    assert "Remote home care unit" not in titles(response)
    assert "Library courses" in titles(response)


def test_websearch_syntax_matches_quoted_phrases(client, small_catalogue):
    response = client.get(URL, {"q": '"market towns"'})

    assert titles(response) == ["Coworking hubs in market towns"]


def test_a_typo_shows_the_results_of_the_known_word_and_says_so(client, small_catalogue):
    response = client.get(URL, {"q": "cowroking"})

    assert titles(response) == ["Coworking hubs in market towns", "Remote home care unit"]
    assert response.context["suggestion"] == "coworking"
    html = response.content.decode()
    assert "Showing results for <strong>coworking</strong>;" in html
    assert 'href="?q=cowroking&amp;exact=1">search instead for <em>cowroking</em></a>' in html
    assert "q=coworking" in html


def test_a_theme_name_is_found_but_ranks_below_titles(client, small_catalogue):
    response = client.get(URL, {"q": "digital"})

    assert set(titles(response)) == {"Coworking hubs in market towns", "Library courses"}


def test_a_renamed_region_is_found_under_its_new_name(client, small_catalogue):
    from measures.models import Region

    region = Region.objects.get(slug="paijat-hame")
    region.name = "Lahti region"
    region.save()

    response = client.get(URL, {"q": "lahti"})

    assert set(titles(response)) == {"Coworking hubs in market towns", "Remote home care unit"}


def test_search_results_come_best_first_unless_a_sort_is_chosen(client, small_catalogue):
    response = client.get(URL, {"q": "care", "sort": "title"})

    assert titles(response) == sorted(titles(response))
    assert response.context["sort"] == "title"
    assert client.get(URL, {"q": "care"}).context["sort"] == "relevance"
    assert client.get(URL).context["sort"] == "newest"


def test_matching_words_are_marked_in_the_title_and_summary(client, small_catalogue):
    html = client.get(URL, {"q": "coworking"}).content.decode()

    assert "<mark>Coworking</mark> hubs in market towns" in html


def test_a_match_deep_in_the_text_is_shown_as_a_passage(client, small_catalogue):
    response = client.get(URL, {"q": "online"})

    library = next(m for m in response.context["measures"] if m.title == "Library courses")
    label, passage = library.match
    assert label == "description"
    assert "<mark>online</mark>" in passage
    assert "Found in “description”" in response.content.decode()


def test_marked_passages_escape_the_measures_text(client):
    MeasureFactory(
        title="Plain title",
        summary="Plain summary.",
        description='<script>alert("x")</script> broadband for villages',
    )

    html = client.get(URL, {"q": "broadband"}).content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    assert "<mark>broadband</mark>" in html


def test_unpublished_measures_are_never_found(client, small_catalogue):
    MeasureFactory(title="Coworking draft", status=Measure.Status.DRAFT, published_at=None)

    assert "Coworking draft" not in titles(client.get(URL, {"q": "coworking"}))


def test_words_typed_without_accents_are_marked_in_the_accented_title(client, small_catalogue):
    MeasureFactory(title="Päijät-Häme broadband", summary="Fibre for villages.")

    html = client.get(URL, {"q": "paijat broadband"}).content.decode()

    assert "<mark>Päijät</mark>-Häme <mark>broadband</mark>" in html


def test_a_spelling_variant_is_marked_in_the_passage(client):
    MeasureFactory(
        title="Plain title",
        summary="Plain summary.",
        description="A state company builds fibre networks in villages.",
    )

    response = client.get(URL, {"q": "fiber"})

    _label, passage = response.context["measures"][0].match
    assert "<mark>fibre</mark>" in passage
