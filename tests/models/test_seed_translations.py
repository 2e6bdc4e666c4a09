"""The German names of the seed's regions, themes and target groups load with the seed."""

import pytest
from django.core.management import call_command

from measures.models import (
    Category,
    CategoryTranslation,
    Region,
    RegionTranslation,
    TargetGroup,
    TargetGroupTranslation,
)

pytestmark = pytest.mark.django_db

SEED = ["partners", "regions", "themes", "target_groups", "measures", "measure_links"]


def load():
    call_command("loaddata", *SEED, "translations", verbosity=0)


def test_every_theme_and_target_group_has_a_german_name():
    load()

    assert CategoryTranslation.objects.filter(language="de").count() == Category.objects.count()
    assert (
        TargetGroupTranslation.objects.filter(language="de").count() == TargetGroup.objects.count()
    )
    # The Irish Eastern and Midland Region keeps its English name in German texts too.
    german = set(RegionTranslation.objects.values_list("region__slug", flat=True))
    assert set(Region.objects.values_list("slug", flat=True)) - german == {"eastern-midland"}


def test_loading_the_translations_twice_changes_nothing():
    load()
    before = sorted(CategoryTranslation.objects.values_list("pk", "name", "description"))

    load()

    assert sorted(CategoryTranslation.objects.values_list("pk", "name", "description")) == before
    assert RegionTranslation.objects.count() == 5


def test_seed_translations_pass_full_clean():
    load()

    for model in (RegionTranslation, CategoryTranslation, TargetGroupTranslation):
        for translation in model.objects.all():
            translation.full_clean()


def test_german_theme_names_show_on_the_german_theme_list(client):
    load()

    html = client.get("/de/themes/").content.decode()

    assert "Digitale Kompetenzen und digitale Teilhabe" in html
    assert "Breitband, öffentliches WLAN und Netzanbindung" in html
