"""Solutions taken up: explorations and adoptions per region.

Interreg Europe counts "solutions taken up by organisations" as a result of its
projects; here that is, per region, the public entries of organisations exploring
a measure (`Exploration.objects.public()`) and the measures adapted from another
one (`Lineage.objects.public()`, kind "adapted from"). Both columns count by the
same thing, a region of the catalogue: an exploration by the region its
organisation chose, an adoption by the region of the measure that adapted it. An
exploration that led to an adoption counts in both.

An organisation from a region outside the catalogue names it in words; those
entries are counted by the name, folded (case, accents, hyphens and spaces: one
row for "Etelä-Karjala" and "etela karjala"), in rows of their own, where no
adoption can be recorded. The transfers page and the statistics show the same
table, from two queries (three when an exploration's region is one the page had
not read).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from measures.content_language import localized
from measures.models import Exploration, Lineage, Region
from measures.search.normalize import folded_name
from partners.countries import Country

COUNTRY_NAMES = dict(Country.choices)


@dataclass
class Uptake:
    """The rows of the table: the catalogue's regions, then the regions outside it."""

    in_catalogue: list = field(default_factory=list)
    outside: list = field(default_factory=list)

    def __iter__(self):
        return iter([*self.in_catalogue, *self.outside])

    def __bool__(self):
        return bool(self.in_catalogue or self.outside)


def busiest_first(rows):
    return sorted(
        rows, key=lambda r: (-(r["explorations"] + r["adoptions"]), r["region"].casefold())
    )


def uptake_per_region(regions=(), links=None):
    """The table of solutions taken up, busiest region first in each part.

    `regions`: regions of the catalogue the page has read already, with their names in
    its language; `links`: the public lineage links it has read (with their measures'
    regions), counted without another query.
    """
    explored = (
        Exploration.objects.public()
        .order_by()
        .values_list("region", "region_name", "country")
        .annotate(n=Count("pk"))
    )
    known = {region.pk: region for region in regions}
    if links is None:
        adopted = (
            Lineage.objects.public()
            .filter(kind=Lineage.Kind.ADAPTED)
            .order_by()
            .values_list("measure__region")
            .annotate(n=Count("pk"))
        )
    else:
        adaptations = [link for link in links if link.kind == Lineage.Kind.ADAPTED]
        adopted = Counter(link.measure.region_id for link in adaptations).items()
        known.update((link.measure.region_id, link.measure.region) for link in links)
        known.update(
            (link.origin.region_id, link.origin.region) for link in links if link.origin_id
        )

    counts = {}
    named = {}
    for region_id, name, country, n in explored:
        if region_id is None:
            spelling = named.setdefault((folded_name(name), country), Counter())
            spelling[name.strip()] += n
        else:
            counts.setdefault(region_id, Counter())["explorations"] += n
    for region_id, n in adopted:
        counts.setdefault(region_id, Counter())["adoptions"] += n

    missing = set(counts) - set(known)
    if missing:
        known.update(
            (region.pk, region) for region in Region.objects.filter(pk__in=missing).translated()
        )
    in_catalogue = [
        {
            "region": localized(known[region_id], "name"),
            "url": known[region_id].get_absolute_url(),
            "country": known[region_id].get_country_display(),
            "explorations": counted["explorations"],
            "adoptions": counted["adoptions"],
        }
        for region_id, counted in counts.items()
    ]
    outside = [
        {
            # The spelling most entries used, the first in alphabetical order of a tie.
            "region": min(spellings, key=lambda s: (-spellings[s], s)),
            "country": COUNTRY_NAMES.get(country, country),
            "explorations": spellings.total(),
            "adoptions": 0,
        }
        for (_name, country), spellings in named.items()
    ]
    return Uptake(busiest_first(in_catalogue), busiest_first(outside))
