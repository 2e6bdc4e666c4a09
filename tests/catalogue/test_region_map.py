"""The region map: projection, label placement, and the map on the home and region pages."""

import math
from itertools import combinations
from types import SimpleNamespace

import pytest

from measures.catalogue import maps
from measures.catalogue.svg_text import text_width, wrap_text
from measures.models import Measure
from tests.catalogues import PARTNERSHIP
from tests.conftest import UNPUBLISHED_STATES
from tests.factories import MeasureFactory, RegionFactory
from tests.html_tree import parse

SEED_COUNTS = {  # published measures per region in fixtures/measures.json
    "paijat-hame": 8,
    "lower-austria": 5,
    "mecklenburg-vorpommern": 6,
    "barcelona-province": 6,
    "eastern-midland": 8,
    "podlaskie": 5,
}


def regions(counts=None, names=None):
    """The six regions as plain objects, as `with_measure_counts()` would give them."""
    counts = counts or SEED_COUNTS
    return [
        SimpleNamespace(
            pk=n,
            name=(names or {}).get(slug, name),
            slug=slug,
            latitude=latitude,
            longitude=longitude,
            published_count=counts[slug],
            get_absolute_url=lambda slug=slug: f"/en/regions/{slug}/",
        )
        for n, (name, slug, _country, _nuts, latitude, longitude) in enumerate(PARTNERSHIP)
    ]


# Projection


def test_projection_puts_the_bounding_box_in_the_top_left_corner():
    points = [(lat, lon) for *_rest, lat, lon in PARTNERSHIP]

    projection = maps.fit_projection(points, width=300, max_height=300)

    xs, ys = zip(*(projection.point(lat, lon) for lat, lon in points), strict=True)
    assert min(xs) == pytest.approx(0)
    assert min(ys) == pytest.approx(0)
    assert max(xs) <= 300 + 1e-9
    assert max(ys) <= 300 + 1e-9
    # One side of the box fills its dimension: the projection is as large as it fits.
    assert max(xs) == pytest.approx(300) or max(ys) == pytest.approx(300)


def test_north_is_up_and_east_is_right():
    projection = maps.fit_projection([(60.98, 25.66), (41.73, 1.98)])

    lahti = projection.point(60.98, 25.66)
    barcelona = projection.point(41.73, 1.98)
    assert lahti[0] > barcelona[0]
    assert lahti[1] < barcelona[1]


def test_projection_is_equirectangular_true_to_scale_at_the_middle_latitude():
    projection = maps.fit_projection([(40.0, 0.0), (60.0, 20.0)], width=400, max_height=1000)

    assert projection.standard_parallel == pytest.approx(50.0)
    x0, y0 = projection.point(50, 10)
    x1, y1 = projection.point(51, 11)
    # One degree of latitude is one degree of longitude at the standard parallel.
    assert (x1 - x0) / (y0 - y1) == pytest.approx(math.cos(math.radians(50)))
    # Equal steps of latitude are equal steps on the map.
    assert projection.point(45, 10)[1] - projection.point(46, 10)[1] == pytest.approx(y0 - y1)


def test_projection_keeps_its_proportions_within_the_height():
    projection = maps.fit_projection([(30.0, 0.0), (70.0, 2.0)], width=400, max_height=200)

    _x, bottom = projection.point(30, 0)
    right, _y = projection.point(70, 2)
    assert bottom == pytest.approx(200)
    assert right < 400


def test_inverse_projection_returns_the_point():
    projection = maps.fit_projection([(lat, lon) for *_rest, lat, lon in PARTNERSHIP])

    assert projection.inverse(*projection.point(53.62, 12.70)) == pytest.approx((53.62, 12.70))


def test_a_single_region_still_gets_a_map_of_some_extent():
    projection = maps.fit_projection([(48.33, 15.75)])

    x, y = projection.point(48.33, 15.75)
    assert math.isfinite(x)
    assert math.isfinite(y)
    assert 0 < x < maps.WIDTH


# Label placement


def assert_labels_are_clear(region_map):
    markers = region_map.markers
    for one, other in combinations(markers, 2):
        assert not one.box.overlaps(other.box), f"{one.name} and {other.name} overlap"
    for marker in markers:
        own = marker.box.distance_to(marker.x, marker.y) - marker.reach
        for other in markers:
            if other is marker:
                continue
            assert not marker.box.hits_circle(other.x, other.y, other.reach), (
                f"the label of {marker.name} covers the marker of {other.name}"
            )
            assert marker.box.distance_to(other.x, other.y) - other.reach > own, (
                f"the label of {marker.name} is nearer the marker of {other.name}"
            )


def inside(region_map, box):
    left, top, width, height = map(float, region_map.view_box.split())
    return (
        left <= box.left
        and top <= box.top
        and box.right <= left + width
        and box.bottom <= top + height
    )


COUNTS = {
    "seed": SEED_COUNTS,
    "all equal": dict.fromkeys(SEED_COUNTS, 3),
    "none yet": dict.fromkeys(SEED_COUNTS, 0),
    "one large": {**dict.fromkeys(SEED_COUNTS, 1), "mecklenburg-vorpommern": 250},
    "thousands": dict.fromkeys(SEED_COUNTS, 1234),
}
NAMES = {
    "seed names": None,
    "short names": {
        "mecklenburg-vorpommern": "Mecklenburg-Vorpommern",
        "eastern-midland": "Eastern and Midland",
        "podlaskie": "Podlaskie",
    },
}


@pytest.mark.parametrize("current", [None, *SEED_COUNTS], ids=str)
@pytest.mark.parametrize("counts", COUNTS, ids=str)
@pytest.mark.parametrize("names", NAMES, ids=str)
def test_labels_of_the_six_regions_do_not_overlap(current, counts, names):
    six = regions(COUNTS[counts], NAMES[names])
    current_region = next((r for r in six if r.slug == current), None)

    region_map = maps.region_map(six, current=current_region)

    assert len(region_map.markers) == 6
    assert_labels_are_clear(region_map)
    for marker in region_map.markers:
        assert inside(region_map, marker.box)
        assert inside(region_map, marker.extent)


def test_labels_sit_beside_their_markers_without_leader_lines_for_the_seed_regions():
    region_map = maps.region_map(regions())

    assert [marker.leader for marker in region_map.markers] == [None] * 6


def test_placement_avoids_a_taken_place():
    marker = {"x": 100.0, "y": 100.0, "r": 10.0, "width": 60.0, "height": 20.0}
    blocker = {"x": 180.0, "y": 100.0, "r": 10.0, "width": 60.0, "height": 20.0}

    maps.place_labels([marker, blocker], centre_x=500)

    assert not marker["box"].overlaps(blocker["box"])
    assert not marker["box"].hits_circle(180, 100, 10)
    assert not blocker["box"].hits_circle(100, 100, 10)


def test_larger_counts_get_larger_markers_by_area():
    assert maps.marker_radius(0, 10) == maps.MIN_RADIUS
    assert maps.marker_radius(10, 10) == maps.MAX_RADIUS
    small, large = maps.marker_radius(1, 16), maps.marker_radius(4, 16)
    assert small < large
    assert (large - maps.MIN_RADIUS) == pytest.approx(2 * (small - maps.MIN_RADIUS))


def test_long_names_are_set_on_lines_that_fit():
    lines = wrap_text("Mecklenburg-Western Pomerania", 14, 150, bold=True)

    assert lines == ["Mecklenburg-", "Western", "Pomerania"]
    assert wrap_text("Päijät-Häme", 14, 150, bold=True) == ["Päijät-Häme"]
    for line in wrap_text("Eastern and Midland Region", 14, 150, bold=True):
        assert text_width(line, 14, bold=True) <= 150


def test_bold_text_is_estimated_wider_than_regular_text():
    assert text_width("Lower Austria", 14, bold=True) > text_width("Lower Austria", 14)
    assert text_width("Lower Austria", 28) == pytest.approx(2 * text_width("Lower Austria", 14))


def test_regions_without_coordinates_are_left_off_the_map_and_named():
    six = regions()
    six[1].latitude = six[1].longitude = None

    region_map = maps.region_map(six)

    assert [marker.name for marker in region_map.markers] == [
        r.name for r in six if r.latitude is not None
    ]
    assert region_map.unplaced == [six[1]]


def test_no_map_without_any_coordinates():
    six = regions()
    for region in six:
        region.latitude = region.longitude = None

    assert maps.region_map(six) is None


def test_outline_and_graticule_are_plain_path_data():
    region_map = maps.region_map(regions())

    assert region_map.land.startswith("M")
    assert region_map.land.count("Z") == len(maps.OUTLINE)
    assert set(region_map.graticule) <= set("MVH0123456789.- ")


# The map on the pages


@pytest.fixture
def published(partnership):
    for slug, count in SEED_COUNTS.items():
        for n in range(count):
            MeasureFactory(title=f"{slug} measure {n}", region=partnership[slug])
    return partnership


def map_links(page):
    figure = page.find("figure", cls="region-map")
    return {
        link.attrs["href"]: link
        for link in figure.find("svg").find_all("a", cls="region-map__link")
    }


@pytest.mark.django_db
def test_home_page_map_shows_every_region_with_its_count_and_a_link(client, published):
    page = parse(client.get("/en/"))

    links = map_links(page)
    assert set(links) == {f"/en/regions/{slug}/" for slug in SEED_COUNTS}
    for name, slug, *_rest in PARTNERSHIP:
        text = links[f"/en/regions/{slug}/"].text
        assert text.replace("- ", "-") == f"{name} {SEED_COUNTS[slug]} measures"
        assert links[f"/en/regions/{slug}/"].find("circle", cls="region-map__marker")
    assert not [link for link in links.values() if "aria-current" in link.attrs]


@pytest.mark.django_db
def test_map_is_a_labelled_figure_beside_the_list_of_regions(client, published):
    page = parse(client.get("/en/"))

    figure = page.find("figure", cls="region-map")
    svg = figure.find("svg")
    title_id, desc_id = svg.attrs["aria-labelledby"].split()
    assert svg.find("title", id=title_id).text == "Map of the partnership's regions"
    assert "6 regions" in svg.find("desc", id=desc_id).text
    assert figure.find("figcaption").text
    browse = next(a for a in figure.ancestors() if "region-browse" in a.classes)
    tiles = browse.find("ul", cls="tile-grid").find_all("li", cls="tile")
    assert len(tiles) == 6


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED_STATES, ids=str)
def test_map_counts_only_published_measures(client, published, state):
    MeasureFactory(region=published["podlaskie"], status=state, published_at=None)

    links = map_links(parse(client.get("/en/")))

    assert links["/en/regions/podlaskie/"].text.endswith("5 measures")


@pytest.mark.django_db
def test_region_page_highlights_the_current_region(client, published):
    page = parse(client.get("/en/regions/lower-austria/"))

    links = map_links(page)
    current = links["/en/regions/lower-austria/"]
    assert current.attrs["aria-current"] == "page"
    assert "region-map__link--current" in current.classes
    assert current.find("circle", cls="region-map__ring"), "a ring, not colour alone"
    others = [link for href, link in links.items() if href != "/en/regions/lower-austria/"]
    assert len(others) == 5
    for link in others:
        assert "aria-current" not in link.attrs
        assert link.find_all("circle", cls="region-map__ring") == []


@pytest.mark.django_db
def test_region_page_lists_the_regions_beside_the_map(client, published):
    page = parse(client.get("/en/regions/lower-austria/"))

    items = page.find("ul", cls="region-index").find_all("li")
    texts = [item.text for item in items]
    assert "Lower Austria 5 measures (this region)" in texts
    assert "Podlaskie Voivodeship 5 measures" in texts
    assert len(items) == 6


@pytest.mark.django_db
def test_region_without_coordinates_is_named_under_the_map(client, published):
    RegionFactory(name="Somewhere new", slug="somewhere", nuts_code="FI1D1")

    page = parse(client.get("/en/"))

    assert "/en/regions/somewhere/" not in map_links(page)
    assert "Not on the map, for lack of coordinates: Somewhere new." in (
        page.find("figure", cls="region-map").find("figcaption").text
    )


@pytest.mark.django_db
def test_home_page_has_no_map_when_no_region_has_coordinates(client):
    RegionFactory(name="Somewhere new", slug="somewhere")
    MeasureFactory(status=Measure.Status.PUBLISHED)

    page = parse(client.get("/en/"))

    assert page.find_all("figure", cls="region-map") == []
