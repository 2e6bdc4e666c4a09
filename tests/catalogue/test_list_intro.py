"""The list's introduction says how filters apply: by themselves, or by a button without scripts."""

import pytest

from tests.html_tree import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    return parse(client.get("/en/measures/"))


def test_the_list_intro_says_filters_apply_as_soon_as_they_are_ticked(page):
    intro = page.find("p", cls="lede").text

    assert "changes as soon as you tick a filter" in intro
    assert "apply them" not in intro


def test_the_list_intro_names_the_button_that_applies_filters_without_scripts(page):
    intro = page.find("p", cls="lede").text
    form = page.find("form", id="filter-form")
    button = form.find("button", type="submit").text

    assert f"if your browser runs no scripts, use the {button} button" in intro
