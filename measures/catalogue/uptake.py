"""Solutions taken up: explorations and adoptions per region.

Interreg Europe counts "solutions taken up by organisations" as a result of its
projects; here that is, per region, the public entries of organisations exploring
a measure (`Exploration.objects.public()`, by the region they name) and the
measures adapted from another one (`Lineage.objects.public()`, kind "adapted
from", by the region of the measure that adapted it). Two queries, whatever
their number; the transfers page and the statistics show the same table.
"""

from django.db.models import Count

from measures.models import Exploration, Lineage
from partners.countries import Country

COUNTRY_NAMES = dict(Country.choices)


def uptake_per_region(links=None):
    """Rows of region, country, explorations and adoptions, the busiest region first.

    `links`: the public lineage links a page has read already (with their measures'
    regions), counted without another query.
    """
    rows = {}

    def row(name, country):
        key = (name.strip().casefold(), country)
        return rows.setdefault(
            key,
            {
                "region": name.strip(),
                "country": COUNTRY_NAMES.get(country, country),
                "explorations": 0,
                "adoptions": 0,
            },
        )

    explored = (
        Exploration.objects.public()
        .order_by()
        .values_list("region_name", "country")
        .annotate(n=Count("pk"))
    )
    for name, country, n in explored:
        row(name, country)["explorations"] += n
    if links is None:
        adopted = (
            Lineage.objects.public()
            .filter(kind=Lineage.Kind.ADAPTED)
            .order_by()
            .values_list("measure__region__name", "measure__region__country")
            .annotate(n=Count("pk"))
        )
    else:
        adopted = [
            (link.measure.region.name, link.measure.region.country, 1)
            for link in links
            if link.kind == Lineage.Kind.ADAPTED
        ]
    for name, country, n in adopted:
        row(name, country)["adoptions"] += n
    return sorted(
        rows.values(),
        key=lambda r: (-(r["explorations"] + r["adoptions"]), r["region"].casefold()),
    )
