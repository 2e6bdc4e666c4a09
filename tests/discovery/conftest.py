"""A catalogue big enough for two list pages, and the list page's own answer to compare with."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CategoryFactory, MeasureFactory, RegionFactory, TargetGroupFactory

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


@pytest.fixture
def catalogue(region, theme):
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


@pytest.fixture
def list_page_slugs(client):
    """The slugs the list page shows for a query string, page after page, in order."""

    def slugs(query):
        found, page = [], 1
        while True:
            separator = "&" if query else ""
            response = client.get(f"/en/measures/?{query}{separator}page={page}")
            assert response.status_code == 200
            found += [measure.slug for measure in response.context["measures"]]
            if not response.context["page_obj"].has_next():
                return found
            page += 1

    return slugs
