"""The demo generator: synthetic measures for load tests, reproducible by seed."""

import io

import pytest
from django.core.management import CommandError, call_command

from measures.models import Measure
from tests.factories import CategoryFactory, RegionFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data():
    for _ in range(3):
        RegionFactory()
        CategoryFactory()
        TargetGroupFactory()


def generate(count, seed, *extra):
    call_command(
        "generate_demo_measures", "--count", count, "--seed", seed, *extra, stdout=io.StringIO()
    )


def snapshot():
    return [
        (
            m.slug,
            m.title,
            m.summary,
            m.description,
            m.region.slug,
            m.partner.slug,
            m.start_year,
            m.end_year,
            m.implementation,
            tuple(m.categories.values_list("slug", flat=True).order_by("slug")),
            tuple(m.target_groups.values_list("slug", flat=True).order_by("slug")),
        )
        for m in Measure.objects.select_related("region", "partner").order_by("slug")
    ]


def test_it_creates_exactly_the_number_asked_for_all_published_and_flagged(reference_data):
    generate(25, 1, "--batch-size", "7")

    assert Measure.objects.count() == 25
    assert Measure.objects.published().count() == 25
    assert Measure.objects.filter(is_demo=True).count() == 25
    assert all(m.title.startswith("Demo ") for m in Measure.objects.all())
    assert all(m.categories.exists() for m in Measure.objects.all())


def test_the_same_seed_gives_the_same_measures(reference_data):
    generate(30, 7)
    first = snapshot()

    generate(30, 7, "--replace")

    assert snapshot() == first


def test_another_seed_gives_other_measures(reference_data):
    generate(30, 7)
    first = snapshot()

    generate(30, 8, "--replace")

    assert [row[1:] for row in snapshot()] != [row[1:] for row in first]


def test_running_twice_with_one_seed_asks_for_replace(reference_data):
    generate(5, 3)

    with pytest.raises(CommandError, match="--replace"):
        generate(5, 3)
    assert Measure.objects.count() == 5


def test_replace_leaves_real_measures_alone(reference_data, published_measure):
    generate(5, 3)
    generate(4, 3, "--replace")

    assert Measure.objects.filter(is_demo=True).count() == 4
    assert Measure.objects.filter(pk=published_measure.pk).exists()


def test_it_refuses_to_run_without_reference_data():
    with pytest.raises(CommandError, match="load the seed data first"):
        generate(5, 1)


def test_demo_measures_fill_results_and_resources_often_but_not_always(reference_data):
    generate("200", "5")

    measures = list(Measure.objects.filter(is_demo=True))
    with_evidence = [m for m in measures if m.evidence_level]
    with_budget = [m for m in measures if m.budget_band]
    with_erdf = [m for m in measures if m.funding_erdf]

    # Every facet of the list gets options to count, and "not stated" stays common.
    for share in (with_evidence, with_budget, with_erdf):
        assert 0.15 * len(measures) < len(share) < 0.85 * len(measures)
    assert {m.evidence_level for m in with_evidence} == {"anecdotal", "monitored", "evaluated"}
