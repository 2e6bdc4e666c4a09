"""The search text of a measure follows every change of the words it holds, on both databases."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from measures.models import CategoryTranslation, Measure, RegionTranslation
from measures.search.document import sections
from measures.search.query import search_measures
from partners.models import Partner
from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory, RegionFactory

pytestmark = pytest.mark.django_db


def found(query):
    return set(search_measures(Measure.objects.published(), query).values_list("title", flat=True))


@pytest.fixture
def measure():
    return MeasureFactory(
        title="Päijät-Sote video appointments",
        title_local="Videovastaanotot",
        summary="Clients see nurses by video.",
        description="The app was built in 2021.",
        evidence="Thousands of calls a year.",
        main_institution="Wellbeing services county",
        region=RegionFactory(name="Päijät-Häme", name_local="Päijät-Häme"),
        partner=PartnerFactory(name="Regional Council of Päijät-Häme", short_name="PHLIITTO"),
        categories=[CategoryFactory(name="E-health")],
    )


def test_the_search_text_holds_each_text_in_its_section(measure):
    text = Measure.objects.get(pk=measure.pk).search_text

    assert sections(text) == {
        "A": " paijat sote video appointments videovastaanotot ",
        "B": " clients see nurses by video ehealth ",
        "C": " the app was built in 2021 thousands of calls a year wellbeing services county ",
        "D": " paijat hame paijat hame regional council of paijat hame phliitto ",
    }


def test_a_saved_measure_is_found_by_its_new_words(measure):
    measure.title = "Video consultations"
    measure.save()

    assert found("consultations") == {"Video consultations"}
    assert found("appointments") == set()


def test_renamed_themes_regions_and_partners_find_their_measures(measure):
    theme = measure.categories.get()
    theme.name = "Telemedicine"
    theme.save()
    measure.region.name = "Lahti region"
    measure.region.save()
    partner = Partner.objects.get(pk=measure.partner_id)
    partner.name = "Päijät-Häme Council"
    partner.save()

    assert found("telemedicine lahti council") == {measure.title}


def test_translated_names_find_their_measures(measure):
    CategoryTranslation.objects.create(
        category=measure.categories.get(), language="de", name="Telemedizin"
    )
    RegionTranslation.objects.create(region=measure.region, language="de", name="Päijät-Häme DE")

    assert found("Telemedizin") == {measure.title}
    assert found("Telemedizin de") == {measure.title}


def test_a_theme_added_later_is_found(measure):
    measure.categories.add(CategoryFactory(name="Remote care"))

    assert found("remote care") == {measure.title}


def test_the_refresh_command_rewrites_texts_that_a_bulk_update_left_behind(measure):
    Measure.objects.filter(pk=measure.pk).update(title="Remote physiotherapy")
    assert found("physiotherapy") == set()

    call_command("refresh_search_index", stdout=io.StringIO())

    assert found("physiotherapy") == {"Remote physiotherapy"}


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_text_of_existing_measures(measure):
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("measures", "0012_content_documentation")])
        executor.loader.build_graph()
        executor.migrate([("measures", "0013_search_text")])
    finally:
        # The next test needs the full schema, whatever happened above.
        call_command("migrate", verbosity=0)

    assert found("Paijat Sote") == {measure.title}
