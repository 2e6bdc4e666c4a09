"""Search results in the order a person would agree with, on SQLite and PostgreSQL alike."""

import pytest

from tests.catalogues import days_ago
from tests.factories import CategoryFactory, MeasureFactory

pytestmark = pytest.mark.django_db

URL = "/en/measures/"


def titles(response):
    return [measure.title for measure in response.context["measures"]]


def search(client, query, **params):
    return titles(client.get(URL, {"q": query, **params}))


def test_remote_work_puts_hubs_above_a_fibre_network_with_civil_works_in_remote_areas(client):
    remote_work = CategoryFactory(name="Remote work, coworking and workation hubs")
    MeasureFactory(
        title="Open-access rural fibre network",
        summary="A state company builds fibre-to-the-home networks in villages.",
        description=(
            "The network reaches remote areas first. "
            + "Its budget pays for planning, materials and permits. " * 5
            + "Civil works are shared with the water company."
        ),
        published_at=days_ago(1),
    )
    MeasureFactory(
        title="National network of remote working hubs",
        summary="Hubs for people who work away from the office.",
        categories=[remote_work],
        published_at=days_ago(30),
    )
    MeasureFactory(
        title="Coworking hub in an old bank",
        summary="Desks for commuters in a market town.",
        categories=[remote_work],
        published_at=days_ago(60),
    )

    found = search(client, "remote work")

    assert found[:2] == ["National network of remote working hubs", "Coworking hub in an old bank"]
    assert found[-1] == "Open-access rural fibre network"


def test_words_far_apart_in_the_long_texts_rank_below_every_measure_with_the_phrase(client):
    # "remote" in the summary and "works" (another form) in the description,
    # far apart and repeated: it scored above the phrase in a long text.
    MeasureFactory(
        title="Open-access rural fibre network",
        summary="A state company builds fibre-to-the-home networks in remote villages.",
        description=(
            "Civil works start in spring. "
            + "Its budget pays for planning, materials and permits. " * 5
            + "Civil works are shared with the water company; civil works end in autumn."
        ),
        published_at=days_ago(1),
    )
    MeasureFactory(
        title="Library desks",
        summary="Quiet desks in village libraries.",
        description="People who do remote work book a desk for a day.",
        published_at=days_ago(90),
    )

    assert search(client, "remote work") == [
        "Library desks",
        "Open-access rural fibre network",
    ]


def test_a_longer_word_that_only_begins_like_the_word_ranks_below_its_other_forms(client):
    MeasureFactory(title="Workshops for mayors", published_at=days_ago(1))
    MeasureFactory(title="Working from the village hall", published_at=days_ago(90))

    assert search(client, "work") == [
        "Working from the village hall",
        "Workshops for mayors",
    ]


def test_a_word_in_the_title_beats_one_mention_in_a_long_text(client):
    MeasureFactory(
        title="Open data portal",
        description="It also publishes the timetables of the broadband buses.",
        published_at=days_ago(1),
    )
    MeasureFactory(title="Broadband vouchers", published_at=days_ago(90))

    assert search(client, "broadband") == ["Broadband vouchers", "Open data portal"]


def test_the_local_title_weighs_like_the_title(client):
    MeasureFactory(
        title="House of Digitalisation",
        title_local="Haus der Digitalisierung",
        published_at=days_ago(90),
    )
    MeasureFactory(
        title="Regional strategy",
        summary="Written with the Haus der Digitalisierung and other partners.",
        published_at=days_ago(1),
    )

    assert search(client, "Haus der Digitalisierung")[0] == "House of Digitalisation"


def test_the_summary_and_themes_beat_the_long_texts(client):
    care = CategoryFactory(name="Home care")
    MeasureFactory(
        title="Village nurses",
        description="Each visit is planned in the telecare centre.",
        published_at=days_ago(1),
    )
    MeasureFactory(title="Red button pendants", categories=[care], published_at=days_ago(20))
    MeasureFactory(
        title="Medicine robots",
        summary="Robots remind people of their pills: telecare at home.",
        published_at=days_ago(40),
    )

    assert search(client, "telecare") == ["Medicine robots", "Village nurses"]
    assert search(client, "home care")[0] == "Red button pendants"


def test_words_next_to_each_other_beat_words_far_apart(client):
    MeasureFactory(
        title="Services for villages",
        summary="Digital services by the municipalities, who train their staff in new skills.",
        published_at=days_ago(1),
    )
    MeasureFactory(
        title="Courses for adults",
        summary="Free courses in libraries build the skills of a digital citizen.",
        published_at=days_ago(30),
    )
    MeasureFactory(
        title="Courses for older people",
        summary="Free courses in libraries teach digital skills.",
        published_at=days_ago(60),
    )

    assert search(client, "digital skills") == [
        "Courses for older people",
        "Courses for adults",
        "Services for villages",
    ]


def test_a_word_found_only_as_another_form_ranks_below_the_word_itself(client):
    MeasureFactory(title="Library works", published_at=days_ago(1))
    MeasureFactory(title="Library work", published_at=days_ago(60))

    assert search(client, "library work") == ["Library work", "Library works"]


def test_newest_first_breaks_ties(client):
    MeasureFactory(title="Coworking in Lahti", published_at=days_ago(30))
    MeasureFactory(title="Coworking in Lahti too", published_at=days_ago(1))
    MeasureFactory(title="Coworking in Lahti as well", published_at=days_ago(60))

    assert search(client, "coworking lahti") == [
        "Coworking in Lahti too",
        "Coworking in Lahti",
        "Coworking in Lahti as well",
    ]


def test_a_chosen_sort_wins_over_relevance(client):
    MeasureFactory(title="Broadband vouchers", published_at=days_ago(90))
    MeasureFactory(title="Another portal", description="Broadband maps.", published_at=days_ago(1))

    assert search(client, "broadband", sort="newest") == ["Another portal", "Broadband vouchers"]
    assert search(client, "broadband", sort="title") == ["Another portal", "Broadband vouchers"]
