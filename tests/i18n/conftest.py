"""A small catalogue with German texts for some objects and English only for others."""

import pytest

from measures.models import (
    CategoryTranslation,
    MeasureTranslation,
    RegionTranslation,
    TargetGroupTranslation,
)
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    MeasureLinkFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
)


@pytest.fixture
def catalogue():
    """Two measures: one with German texts (and German names of its region, theme and
    target group), one in English only."""
    partner = PartnerFactory(name="WITENO GmbH", short_name="WITENO", slug="witeno", country="DE")
    region = RegionFactory(
        name="Mecklenburg-Western Pomerania",
        slug="mv",
        nuts_code="DE80",
        country="DE",
        partner=partner,
        description="A rural state on the Baltic coast between Berlin and Hamburg.",
    )
    other_region = RegionFactory(name="Lower Austria", slug="lower-austria", nuts_code="AT12")
    theme = CategoryFactory(name="Remote work and coworking", slug="remote-work")
    other_theme = CategoryFactory(name="Smart agriculture", slug="smart-agriculture")
    group = TargetGroupFactory(name="Remote workers", slug="remote-workers")
    translated = MeasureFactory(
        title="Rural coworking spaces",
        summary="Shared offices in villages so that people can work near home.",
        description="Municipalities open coworking spaces in empty shops.",
        problem="Long commutes to the cities.",
        region=region,
        partner=partner,
        categories=[theme],
        target_groups=[group],
    )
    MeasureLinkFactory(measure=translated, title="Project page")
    MeasureTranslation.objects.create(
        measure=translated,
        language="de",
        title="Coworking-Räume auf dem Land",
        summary="Gemeinsame Büros in Dörfern, damit Menschen nah am Wohnort arbeiten können.",
        description="",
    )
    RegionTranslation.objects.create(region=region, language="de", name="Mecklenburg-Vorpommern")
    CategoryTranslation.objects.create(
        category=theme, language="de", name="Mobiles Arbeiten und Coworking"
    )
    TargetGroupTranslation.objects.create(
        target_group=group, language="de", name="Mobil Arbeitende"
    )
    english_only = MeasureFactory(
        title="Smart farming data hub",
        summary="Farmers share sensor data to plan their work.",
        region=other_region,
        categories=[other_theme],
    )
    return {
        "translated": translated,
        "english_only": english_only,
        "region": region,
        "theme": theme,
        "group": group,
    }
