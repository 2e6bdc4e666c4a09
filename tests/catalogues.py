"""Catalogues (database rows) that tests of several folders build, and the queries they ask.

- `listed_catalogue`: 25 published measures, enough for two list pages;
- `translated_catalogue`: two measures, one with German texts, one in English only;
- `PARTNERSHIP`: the partnership's six regions, with the coordinates of the seed data.
"""

from datetime import timedelta

from django.utils import timezone

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

# Filter combinations the exports, the API and the feed must answer exactly as the
# list page does: none, several values of one facet, several facets, a search word
# (ranked by relevance on PostgreSQL), years, every sort.
FILTER_QUERIES = [
    "",
    "region=paijat-hame&region=lower-austria",
    "theme=e-health-care&theme=digital-skills&country=FI&country=AT",
    "q=care",
    "q=care&sort=title",
    "target=older-people&year_from=2017&sort=region",
    "partner=witeno&theme=remote-work&sort=newest",
]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def listed_catalogue(region, theme):
    """25 published measures in three regions of three countries, three themes, two
    target groups and three partners; title order, publication order and creation
    order all differ."""
    lower_austria = RegionFactory(
        name="Lower Austria", slug="lower-austria", country="AT", nuts_code="AT12"
    )
    podlaskie = RegionFactory(name="Podlaskie", slug="podlaskie", country="PL", nuts_code="PL84")
    podlaskie.partner.slug = "witeno"
    podlaskie.partner.save()
    skills = CategoryFactory(name="Digital skills", slug="digital-skills")
    remote = CategoryFactory(name="Remote work", slug="remote-work")
    older = TargetGroupFactory(name="Older people", slug="older-people")
    smes = TargetGroupFactory(name="SMEs", slug="smes")
    regions = [region, lower_austria, podlaskie]
    themes = [[theme], [skills], [theme, remote], [remote, skills]]
    groups = [[older], [smes], [], [older, smes]]
    measures = []
    for n in range(25):
        measures.append(
            MeasureFactory(
                title=f"{chr(ord('A') + (n * 7) % 25)} measure {n:02d}",
                summary=(
                    "Nurses care for older people at home by video."
                    if n % 3 == 0
                    else "People learn to use digital services together."
                ),
                region=regions[n % 3],
                categories=themes[n % 4],
                target_groups=groups[(n // 2) % 4],
                start_year=2014 + n % 8,
                published_at=days_ago((n * 11) % 25 + 1),
            )
        )
    return measures


def translated_catalogue():
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


# name, slug, country, NUTS code, latitude, longitude: as in fixtures/regions.json.
PARTNERSHIP = [
    ("Päijät-Häme", "paijat-hame", "FI", "FI1C3", 60.98, 25.66),
    ("Lower Austria", "lower-austria", "AT", "AT12", 48.33, 15.75),
    ("Mecklenburg-Western Pomerania", "mecklenburg-vorpommern", "DE", "DE80", 53.62, 12.70),
    ("Province of Barcelona", "barcelona-province", "ES", "ES511", 41.73, 1.98),
    ("Eastern and Midland Region", "eastern-midland", "IE", "IE06", 53.27, -7.49),
    ("Podlaskie Voivodeship", "podlaskie", "PL", "PL84", 53.12, 23.17),
]
