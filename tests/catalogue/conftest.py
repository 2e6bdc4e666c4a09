"""Fixtures of the public pages: a catalogue with German texts, one of 25 measures, the
partnership's six regions, and measures of two regions with a transfer between them."""

import datetime

import pytest

from tests import catalogues
from tests.catalogues import PARTNERSHIP
from tests.factories import (
    CategoryFactory,
    IndicatorFactory,
    LineageFactory,
    MeasureFactory,
    PartnerFactory,
    RegionFactory,
)

# An editor of the back office, for the spreadsheet round trip of results and resources.
from tests.review.conftest import editor, fast_password_hashing, partner_a  # noqa: F401

# A partner and its region, for the freshness shown on a measure's page.
from tests.visitors.conftest import witeno, witeno_region  # noqa: F401


@pytest.fixture
def catalogue():
    """Two measures: one with German texts (and German names of its region, theme and
    target group), one in English only."""
    return catalogues.translated_catalogue()


@pytest.fixture
def listed_catalogue(region, theme):
    """25 published measures in three regions of three countries, three themes, two
    target groups and three partners; title order, publication order and creation
    order all differ."""
    return catalogues.listed_catalogue(region, theme)


@pytest.fixture
def partnership():
    """The six regions, by slug, each with its own partner."""
    return {
        slug: RegionFactory(
            name=name,
            slug=slug,
            country=country,
            nuts_code=nuts,
            latitude=latitude,
            longitude=longitude,
            partner=PartnerFactory(name=f"Partner in {name}", short_name=slug[:10], slug=slug),
        )
        for name, slug, country, nuts, latitude, longitude in PARTNERSHIP
    }


# Measures of two regions with results, resources and a transfer between them.


@pytest.fixture
def longford():
    return RegionFactory(
        name="Eastern and Midland Region",
        slug="eastern-midland",
        country="IE",
        partner=PartnerFactory(name="EMRA", short_name="EMRA", slug="emra", country="IE"),
    )


@pytest.fixture
def podlaskie():
    return RegionFactory(
        name="Podlaskie Voivodeship",
        slug="podlaskie",
        country="PL",
        partner=PartnerFactory(name="Podlaskie", short_name="Podlaskie", slug="podlaskie"),
    )


@pytest.fixture
def consultations(longford):
    """The origin: a published measure with results and resources."""
    measure = MeasureFactory(
        title="Digital consultations for local strategies",
        slug="digital-consultations",
        region=longford,
        categories=[CategoryFactory(name="Citizen participation", slug="participation")],
        evidence_level="anecdotal",
        budget_band="under-50k",
        staff_effort="part-of-one-person",
        funding_own_budget=True,
    )
    IndicatorFactory(
        measure=measure,
        name="Survey responses",
        unit="responses",
        achieved=5300,
        achieved_on=datetime.date(2021, 5, 1),
        achieved_on_precision="month",
        position=0,
    )
    return measure


@pytest.fixture
def criterion(podlaskie):
    """Published, inspired by `consultations` once that link is made."""
    return MeasureFactory(
        title="Selection criterion for online consultation",
        slug="consultation-criterion",
        region=podlaskie,
        evidence_level="monitored",
        budget_band="over-1m",
        duration_months=20,
        funding_erdf=True,
        funding_national=True,
    )


@pytest.fixture
def transfer(consultations, criterion):
    return LineageFactory(
        measure=criterion,
        origin=consultations,
        kind="inspired",
        changes="A criterion in a call instead of a consultation of one council.",
        outcome="Presented to about 80 applicants.",
    )
