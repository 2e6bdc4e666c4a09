"""Related measures under a measure: shared themes or target groups, other regions first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.catalogue.related import RELATED_COUNT, related_measures
from measures.models import Measure
from tests.conftest import (
    UNPUBLISHED_STATES,
    read_list_bitmaps_into_cache,
    read_taxonomy_into_cache,
)
from tests.factories import CategoryFactory, MeasureFactory, TargetGroupFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def care():
    return CategoryFactory(name="E-health and home care", slug="e-health-care")


@pytest.fixture
def skills():
    return CategoryFactory(name="Digital skills", slug="digital-skills")


@pytest.fixture
def older_people():
    return TargetGroupFactory(name="Older people", slug="older-people")


@pytest.fixture
def measure(partnership, care, skills, older_people):
    return MeasureFactory(
        title="Remote home care unit",
        region=partnership["paijat-hame"],
        categories=[care, skills],
        target_groups=[older_people],
    )


def related_titles(measure):
    detail = Measure.objects.published().for_detail().get(pk=measure.pk)
    return [related.title for related in related_measures(detail)]


def test_related_measures_share_a_theme_or_a_target_group(measure, partnership, care, older_people):
    MeasureFactory(title="Shares a theme", region=partnership["podlaskie"], categories=[care])
    MeasureFactory(
        title="Shares a target group",
        region=partnership["lower-austria"],
        target_groups=[older_people],
    )
    MeasureFactory(title="Shares nothing", region=partnership["podlaskie"])

    assert sorted(related_titles(measure)) == ["Shares a target group", "Shares a theme"]


def test_measure_is_never_related_to_itself(measure):
    assert related_titles(measure) == []


@pytest.mark.parametrize("state", UNPUBLISHED_STATES, ids=str)
def test_unpublished_measures_are_never_related(measure, partnership, care, older_people, state):
    MeasureFactory(
        title="Hidden twin",
        region=partnership["podlaskie"],
        categories=[care],
        target_groups=[older_people],
        status=state,
        published_at=None,
    )
    MeasureFactory(title="Published cousin", region=partnership["podlaskie"], categories=[care])

    assert related_titles(measure) == ["Published cousin"]


def test_measures_from_other_regions_come_first_even_when_they_share_less(
    measure, partnership, care, skills, older_people
):
    MeasureFactory(
        title="Same region, shares everything",
        region=partnership["paijat-hame"],
        categories=[care, skills],
        target_groups=[older_people],
    )
    MeasureFactory(
        title="Elsewhere, shares one", region=partnership["podlaskie"], categories=[care]
    )

    assert related_titles(measure) == ["Elsewhere, shares one", "Same region, shares everything"]


def test_within_a_group_more_shared_themes_and_groups_rank_higher(
    measure, partnership, care, skills, older_people
):
    MeasureFactory(title="Shares one", region=partnership["podlaskie"], categories=[care])
    MeasureFactory(
        title="Shares three",
        region=partnership["lower-austria"],
        categories=[care, skills],
        target_groups=[older_people],
    )
    MeasureFactory(title="Shares two", region=partnership["podlaskie"], categories=[care, skills])

    assert related_titles(measure) == ["Shares three", "Shares two", "Shares one"]


def test_at_most_six_related_measures(measure, partnership, care):
    for n in range(RELATED_COUNT + 3):
        MeasureFactory(title=f"Cousin {n}", region=partnership["podlaskie"], categories=[care])

    assert RELATED_COUNT == 6
    assert len(related_titles(measure)) == 6


def test_detail_page_shows_related_measures_as_cards_other_regions_first(
    client, measure, partnership, care
):
    MeasureFactory(
        title="Home care next door", region=partnership["paijat-hame"], categories=[care]
    )
    MeasureFactory(
        title="Home care in Podlaskie", region=partnership["podlaskie"], categories=[care]
    )
    MeasureFactory(
        title="Hidden home care",
        region=partnership["podlaskie"],
        categories=[care],
        status=Measure.Status.SUBMITTED,
        published_at=None,
    )

    page = parse(client.get("/en/measures/remote-home-care-unit/"))

    section = page.find("section", cls="related")
    assert section.find("h2").text == "Related measures"
    cards = [card.find("h3").text for card in section.find_all("article", cls="card")]
    assert cards == ["Home care in Podlaskie", "Home care next door"]


def test_detail_page_without_related_measures_has_no_related_section(client, measure):
    page = parse(client.get("/en/measures/remote-home-care-unit/"))

    assert page.find_all("section", cls="related") == []


def test_only_the_newest_candidates_are_ranked_in_a_large_catalogue(
    measure, partnership, care, monkeypatch
):
    # Ranking reads every candidate, so a large catalogue ranks only its newest ones:
    # an old measure sharing more loses its place to newer ones sharing less.
    monkeypatch.setattr("measures.catalogue.related.CANDIDATE_POOL", 2)
    now = timezone.now()
    MeasureFactory(
        title="Old, shares everything",
        region=partnership["podlaskie"],
        categories=[care],
        target_groups=list(measure.target_groups.all()),
        published_at=now - timedelta(days=400),
    )
    for days, title in [(2, "Newer"), (1, "Newest")]:
        MeasureFactory(
            title=title,
            region=partnership["podlaskie"],
            categories=[care],
            published_at=now - timedelta(days=days),
        )

    assert related_titles(measure) == ["Newest", "Newer"]


def test_the_candidates_are_named_by_id_and_grouped_from_the_bitmaps(measure, partnership, care):
    """Searched in SQL, the candidates cost a scan of every measure of the measure's
    themes (some 150 ms at 100,000 measures) and their shared options two subqueries
    each; the list's bitmaps name the candidates and their groups at once."""
    cousin = MeasureFactory(
        title="Shares a theme", region=partnership["podlaskie"], categories=[care]
    )
    read_taxonomy_into_cache()
    read_list_bitmaps_into_cache()
    detail = Measure.objects.published().for_detail().get(pk=measure.pk)

    with CaptureQueriesContext(connection) as queries:
        assert [related.title for related in related_measures(detail)] == ["Shares a theme"]

    [sql] = [query["sql"] for query in queries.captured_queries]
    assert f'"measures_measure"."id" IN ({cousin.pk})' in sql
    assert "COUNT(" not in sql.upper()


def test_a_measure_published_after_the_bitmaps_were_read_is_related_at_once(
    measure, partnership, care
):
    MeasureFactory(title="Shares a theme", region=partnership["podlaskie"], categories=[care])
    assert related_titles(measure) == ["Shares a theme"]

    MeasureFactory(title="Published since", region=partnership["lower-austria"], categories=[care])

    assert related_titles(measure) == ["Published since", "Shares a theme"]
