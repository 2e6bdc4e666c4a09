"""A measure's card on the list, the home page and a measure's page: one template each."""

from unittest import mock

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation
from django.utils.translation import override

from measures.models.addresses import fixed_url
from tests.factories import MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


def rendered(response):
    return [template.name for template in response.templates]


def test_a_card_is_one_template_without_includes_of_its_own(client, region, theme):
    MeasureFactory.create_batch(2, region=region, categories=[theme])
    two = rendered(client.get("/en/measures/"))
    MeasureFactory.create_batch(3, region=region, categories=[theme])

    five = rendered(client.get("/en/measures/"))

    assert len(five) - len(two) == 3
    assert five.count("includes/measure_card.html") == 5
    assert not {"includes/dossier_add.html", "includes/action_done.html"} & set(five)


def test_a_card_posts_its_actions_to_the_addresses_of_the_page_language(client, published_measure):
    for language in ("de", "en", "de"):
        card = parse(client.get(f"/{language}/measures/")).find("article", cls="card")

        assert card.find("form", cls="dossier-add").attrs["action"] == f"/{language}/dossier/add/"
        assert card.find("p", cls="action-done").find("a").attrs["href"] == f"/{language}/dossier/"
        assert card.find("form", cls="action-done").attrs["action"] == (
            f"/{language}/compare/choose/"
        )


def test_a_fixed_address_follows_the_language_and_the_script_prefix():
    with override("de"):
        assert fixed_url("measures:dossier") == "/de/dossier/"
    assert fixed_url("measures:dossier") == "/en/dossier/"
    set_script_prefix("/catalogue/")
    try:
        assert fixed_url("measures:dossier") == "/catalogue/en/dossier/"
        assert fixed_url("measures:dossier") == reverse("measures:dossier")
    finally:
        set_script_prefix("/")
    assert fixed_url("measures:dossier") == "/en/dossier/"


def test_a_card_marks_the_search_words_in_its_title(client, region, theme):
    MeasureFactory(title="Remote nursing unit", region=region, categories=[theme])

    card = parse(client.get("/en/measures/", {"q": "nursing"})).find("article", cls="card")

    assert [mark.text for mark in card.find("h3").find_all("mark")] == ["nursing"]
    assert card.find_all("p", cls="card__match") == []


def test_a_card_says_where_else_the_search_words_were_found(client, region, theme):
    MeasureFactory(
        title="Remote nursing unit",
        summary="Nurses visit people at home.",
        description="A fibre line to every village makes the video visits possible.",
        region=region,
        categories=[theme],
    )

    card = parse(client.get("/en/measures/", {"q": "fibre"})).find("article", cls="card")

    found = card.find("p", cls="card__match")
    assert found.find("span", cls="card__match-label").text.startswith("Found in")
    assert [mark.text for mark in found.find_all("mark")] == ["fibre"]


def test_the_cards_words_are_translated_once_per_language(client, region, theme, settings):
    MeasureFactory.create_batch(5, region=region, categories=[theme])
    settings.N2M_PAGE_CACHE_TIMEOUT = 0
    client.get("/de/measures/")

    with mock.patch.object(translation._trans, "gettext", wraps=translation._trans.gettext) as read:
        html = client.get("/de/measures/").content.decode()

    asked = [call.args[0] for call in read.call_args_list]
    assert asked.count("Open the comparison") == 0
    assert html.count(gettext_in("de", "Open the comparison")) == 5


def gettext_in(language, text):
    with override(language):
        return translation.gettext(text)
