"""The seed's translations load with it: German for everything public, and the measures'
titles and summaries in Finnish, Polish and Spanish."""

import pytest
from django.core.management import call_command

from measures.models import (
    Category,
    CategoryTranslation,
    MeasureTranslation,
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
    # Every region has a German name and description; the Irish one keeps its name.
    german = RegionTranslation.objects.filter(language="de").exclude(description="")
    assert set(german.values_list("region__slug", flat=True)) == set(
        Region.objects.values_list("slug", flat=True)
    )
    assert german.get(region__slug="eastern-midland").name == "Region Eastern and Midland"


def test_loading_the_translations_twice_changes_nothing():
    load()
    before = sorted(CategoryTranslation.objects.values_list("pk", "name", "description"))

    load()

    assert sorted(CategoryTranslation.objects.values_list("pk", "name", "description")) == before
    assert RegionTranslation.objects.filter(language="de").count() == 6
    assert MeasureTranslation.objects.filter(language="de").count() == 38


def test_seed_translations_pass_full_clean():
    load()

    for model in (
        MeasureTranslation,
        RegionTranslation,
        CategoryTranslation,
        TargetGroupTranslation,
    ):
        for translation in model.objects.all():
            translation.full_clean()


def test_german_theme_names_show_on_the_german_theme_list(client):
    load()

    html = client.get("/de/themes/").content.decode()

    assert "Digitale Kompetenzen und digitale Teilhabe" in html
    assert "Breitband, öffentliches WLAN und Netzanbindung" in html


def test_a_seed_measure_reads_in_german_on_the_german_page(client):
    load()

    html = client.get("/de/measures/severi-remote-home-care/").content.decode()

    assert "Severi – eine Einheit für Fernbetreuung in der häuslichen Pflege" in html
    assert "Zwölf Pflegekräfte machen die virtuellen Besuche" in html
    # Nothing of the measure's own texts falls back to English.
    assert "Twelve nurses" not in html
