"""Measures of two regions with results, resources and a transfer between them."""

import datetime

import pytest

# The personas and measures of the back office, for the admin tests here.
from tests.back_office.conftest import (  # noqa: F401
    coordinator,
    editor,
    fast_password_hashing,
    lead_partner,
    make_measure,
    partner_a,
    partner_b,
    region_a,
    region_b,
    target_group,
    theme,
)
from tests.factories import (
    CategoryFactory,
    IndicatorFactory,
    LineageFactory,
    MeasureFactory,
    PartnerFactory,
    RegionFactory,
)


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
