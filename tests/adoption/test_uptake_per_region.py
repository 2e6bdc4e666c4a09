"""Solutions taken up, per region: explorations and adoptions counted by the same region.

An exploration names one of the catalogue's regions (chosen, or typed as its
name in any case, with or without accents), and counts in that region's row
beside the adoptions of measures of the region. A region outside the catalogue
is counted by its name, folded, in rows of its own. The transfers page and the
statistics show the same table and say what they count.
"""

import importlib

import pytest
from django.apps import apps
from django.core import mail

from measures.models import Exploration, Measure, RegionTranslation
from tests.adoption.test_explorations import ENTRY, send
from tests.factories import LineageFactory, MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

PAGES = ["/en/transfers/", "/en/statistics/"]


@pytest.fixture
def karelia():
    return RegionFactory(
        name="South Karelia", name_local="Etelä-Karjala", slug="south-karelia", country="FI"
    )


@pytest.fixture
def measure(make_measure):
    return make_measure(partner="a", status=Measure.Status.PUBLISHED)


def explored(measure, region_name, country="FI", region=None, **fields):
    """A public exploration, as a coordinator approved it."""
    return Exploration.objects.create(
        measure=measure,
        organisation=fields.pop("organisation", f"Municipality in {region_name}"),
        region=region,
        region_name=region_name,
        country=country,
        email=fields.pop("email", "digital@example.org"),
        status=fields.pop("status", Exploration.Status.PUBLISHED),
        **fields,
    )


def adopted_in(region, origin):
    """A measure of `region` adapted from `origin`."""
    return LineageFactory(measure=MeasureFactory(region=region), origin=origin)


def uptake_of(client, path):
    uptake = client.get(path).context["uptake"]
    return (
        [(row["region"], row["explorations"], row["adoptions"]) for row in uptake.in_catalogue],
        [(row["region"], row["explorations"], row["adoptions"]) for row in uptake.outside],
    )


@pytest.mark.parametrize("path", PAGES)
def test_an_exploration_and_an_adoption_of_one_region_share_its_row(client, measure, karelia, path):
    explored(measure, "South Karelia", region=karelia)
    adopted_in(karelia, measure)

    assert uptake_of(client, path) == ([("South Karelia", 1, 1)], [])


@pytest.mark.parametrize("path", PAGES)
def test_regions_outside_the_catalogue_are_counted_by_their_folded_name(client, measure, path):
    explored(measure, "Kymenlaakso")
    explored(measure, " kymenlaakso ", email="two@example.org")
    explored(measure, "Kymen-Laakso", email="three@example.org")
    explored(measure, "Kymenlaakso", country="SE", email="four@example.org")

    in_catalogue, outside = uptake_of(client, path)

    assert in_catalogue == []
    assert sorted(outside) == [("Kymen-Laakso", 1, 0), ("Kymenlaakso", 1, 0), ("Kymenlaakso", 2, 0)]


def test_the_row_of_folded_names_shows_the_spelling_most_entries_used(client, measure):
    explored(measure, "kainuu")
    explored(measure, "Kainuu", email="two@example.org")
    explored(measure, "Kainuu", email="three@example.org")

    assert uptake_of(client, "/en/statistics/")[1] == [("Kainuu", 3, 0)]


@pytest.mark.parametrize("path", PAGES)
def test_the_page_says_what_each_column_counts(client, measure, path):
    explored(measure, "Kainuu")

    html = " ".join(client.get(path).content.decode().split())

    assert "counted for the region they chose" in html
    assert "counted for the region of the measure that adapted it" in html
    assert "Regions outside the catalogue, as the organisations named them" in html
    assert "counted by the name, whatever its case, accents or spaces" in html


def test_the_german_statistics_name_a_catalogue_region_in_german(client, measure, karelia):
    RegionTranslation.objects.create(region=karelia, language="de", name="Südkarelien")
    explored(measure, "South Karelia", region=karelia)

    assert uptake_of(client, "/de/statistics/") == ([("Südkarelien", 1, 0)], [])


def test_the_visitor_chooses_a_region_of_the_catalogue(client, measure, karelia):
    send(client, measure, region=str(karelia.pk), region_name="", country="")

    exploration = Exploration.objects.get()
    assert exploration.region == karelia
    assert (exploration.region_name, exploration.country) == ("South Karelia", "FI")


@pytest.mark.parametrize(
    "typed", ["south karelia", "  SOUTH   Karelia ", "Etela-Karjala", "etelä karjala"]
)
def test_a_region_of_the_catalogue_typed_by_its_name_is_that_region(
    client, measure, karelia, typed
):
    send(client, measure, region="other", region_name=typed, country="FI")

    assert Exploration.objects.get().region == karelia


def test_a_name_of_a_region_in_another_country_stays_a_name(client, measure, karelia):
    send(client, measure, region="other", region_name="South Karelia", country="SE")

    exploration = Exploration.objects.get()
    assert exploration.region is None
    assert (exploration.region_name, exploration.country) == ("South Karelia", "SE")


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"region": "", "region_name": "", "country": ""}, {"region"}),
        ({"region": "other", "region_name": "", "country": ""}, {"region_name", "country"}),
        ({"region": "other", "region_name": "Kainuu", "country": ""}, {"country"}),
        ({"region": "999999", "region_name": "", "country": ""}, {"region"}),
    ],
)
def test_the_form_asks_for_a_region_or_its_name_and_country(client, measure, changes, fields):
    response = send(client, measure, **changes)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == fields
    assert not Exploration.objects.exists()
    assert not mail.outbox


def test_the_form_offers_the_catalogues_regions_and_another(client, measure, karelia):
    html = client.get(f"/en/measures/{measure.slug}/explore/").content.decode()

    assert f'<option value="{karelia.pk}">South Karelia (Finland)</option>' in html
    assert '<option value="other">Another region, not in the list</option>' in html


def test_entries_sent_before_are_tied_to_the_region_they_name(measure, karelia):
    other = RegionFactory(name="Kainuu", slug="kainuu", country="FI")
    RegionTranslation.objects.create(region=other, language="de", name="Kainuu-Land")
    by_name = explored(measure, "south  KARELIA")
    by_local_name = explored(measure, "Etela-Karjala", email="b@example.org")
    by_translation = explored(measure, "kainuu land", email="c@example.org")
    elsewhere = explored(measure, "South Karelia", country="SE", email="d@example.org")
    outside = explored(measure, "Kymenlaakso", email="e@example.org")
    migration = importlib.import_module("measures.migrations.0018_exploration_regions")

    migration.tie_to_regions(apps, None)

    regions = dict(Exploration.objects.values_list("pk", "region"))
    assert regions[by_name.pk] == karelia.pk
    assert regions[by_local_name.pk] == karelia.pk
    assert regions[by_translation.pk] == other.pk
    assert regions[elsewhere.pk] is None
    assert regions[outside.pk] is None


def test_the_statistics_count_both_kinds_of_row_in_the_same_queries(
    client, measure, karelia, django_assert_num_queries
):
    for n in range(3):
        explored(measure, "South Karelia", region=karelia, email=f"{n}@example.org")
        explored(measure, f"Outside {n}", email=f"o{n}@example.org")
        adopted_in(karelia, measure)

    # 1-4 regions, themes, start years, status in reality; 5 the public explorations
    # counted per region or name; 6 the adoptions counted per region
    with django_assert_num_queries(6):
        response = client.get("/en/statistics/")

    assert len(response.context["uptake"].outside) == 3


def test_the_transfers_page_reads_a_region_no_link_names_in_one_query_more(
    client, measure, karelia, django_assert_num_queries
):
    adopted_in(MeasureFactory().region, measure)
    for n in range(3):
        explored(measure, "South Karelia", region=karelia, email=f"{n}@example.org")

    # 1 the public links, with both measures and their regions; 2 the public explorations
    # counted per region or name; 3 the region the links do not name
    with django_assert_num_queries(3):
        response = client.get("/en/transfers/")

    rows = response.context["uptake"].in_catalogue
    assert [(row["region"], row["explorations"]) for row in rows if row["explorations"]] == [
        ("South Karelia", 3)
    ]


def test_an_entry_sent_as_before_with_a_typed_region_still_counts(client, measure):
    send(client, measure)

    exploration = Exploration.objects.get()
    assert (exploration.region, exploration.region_name) == (None, ENTRY["region_name"])
