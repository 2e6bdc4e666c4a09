"""Addresses of pages named by a slug: what reverse() gives, reversed once per language."""

from unittest import mock

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils.translation import override

from measures.models import Category, Measure, Region, addresses
from measures.models.addresses import slug_url

VIEWS = ["measures:detail", "measures:region_detail", "measures:theme_detail"]


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("slug", ["remote-care", "a", "demo-1-000001", "with_underscore", "X9"])
@pytest.mark.parametrize("language", ["en", "de", "fi"])
def test_a_slug_address_is_what_reverse_gives(name, slug, language):
    with override(language):
        assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_a_slug_address_follows_the_script_prefix():
    set_script_prefix("/catalogue/")
    try:
        assert slug_url("measures:detail", "remote-care") == "/catalogue/en/measures/remote-care/"
    finally:
        set_script_prefix("/")
    assert slug_url("measures:detail", "remote-care") == "/en/measures/remote-care/"


def test_a_value_the_converter_refuses_is_left_to_reverse():
    with pytest.raises(NoReverseMatch):
        slug_url("measures:detail", "not a slug")
    with pytest.raises(NoReverseMatch):
        slug_url("measures:detail", "")


def test_the_pages_of_measures_regions_and_themes_are_addressed_this_way():
    assert Measure(slug="remote-care").get_absolute_url() == "/en/measures/remote-care/"
    assert Region(slug="podlaskie").get_absolute_url() == "/en/regions/podlaskie/"
    assert Category(slug="e-health-care").get_absolute_url() == "/en/themes/e-health-care/"


def test_a_thousand_addresses_reverse_the_view_once():
    slug_url("measures:detail", "first")
    with mock.patch.object(addresses, "reverse", wraps=reverse) as reversed_:
        for n in range(1000):
            slug_url("measures:detail", f"measure-{n}")
    assert reversed_.call_count == 0
