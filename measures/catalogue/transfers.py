"""Transfers between regions: which measure was adapted from, or inspired by, which.

The transfers page lists every public link (`Lineage.objects.public()`), grouped
by the region a practice came from and the region that took it up, with what
changed and what came of it; practices from outside the catalogue come last. A
measure's own page shows its links both ways (`Lineage.objects.of()`). Both read the
links, their two measures and the measures' regions in one query (and, on a page
in another language than English, their translations in four more), however many
links there are.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from measures.catalogue.uptake import uptake_per_region
from measures.content_language import localized
from measures.models import Lineage


def lineage_of(measure):
    """(origins, adaptations) shown on `measure`'s page: see `Lineage.objects.of()`."""
    return Lineage.objects.of(measure)


def transfer_groups(links):
    """The links grouped by (origin's region, measure's region), for the page.

    Groups between regions of the catalogue come first, by the names of the two
    regions; then one group per region that took up a practice from outside.
    """
    groups = {}
    for link in links:
        source = link.origin.region if link.origin_id else None
        key = (source.pk if source else None, link.measure.region_id)
        group = groups.setdefault(
            key, {"from_region": source, "to_region": link.measure.region, "links": []}
        )
        group["links"].append(link)

    def name(region):
        return localized(region, "name").casefold()

    def order(group):
        outside = group["from_region"] is None
        source = "" if outside else name(group["from_region"])
        return (outside, source, name(group["to_region"]))

    result = sorted(groups.values(), key=order)
    for group in result:
        group["links"].sort(key=lambda link: localized(link.measure, "title").casefold())
    return result


@require_safe
def transfers(request):
    links = list(Lineage.objects.public().for_display())
    groups = transfer_groups(links)
    regions = {link.measure.region_id for link in links} | {
        link.origin.region_id for link in links if link.origin_id
    }
    context = {
        "groups": groups,
        "link_count": len(links),
        "region_count": len(regions),
        "uptake": uptake_per_region(links=links),
    }
    return render(request, "measures/transfers.html", context)
