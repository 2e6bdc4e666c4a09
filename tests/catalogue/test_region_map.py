"""The region map: projection, label placement, and the map on the home and region pages."""

import math
from itertools import combinations
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from measures.catalogue import europe_map, maps
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


# Projection: the one static/img/europe-map.svg is drawn in (static_src/map/build_map.mjs)


def test_north_is_up_and_east_is_right():
    lahti = maps.project(60.98, 25.66)
    barcelona = maps.project(41.73, 1.98)

    assert lahti[0] > barcelona[0]
    assert lahti[1] < barcelona[1]


def test_projection_centre_is_the_drawings_origin_point():
    assert maps.project(europe_map.LAT0, europe_map.LON0) == pytest.approx(
        (europe_map.X0, europe_map.Y0)
    )


def test_projection_keeps_areas_true_like_the_eus_own_maps():
    def cell_area(lat, lon):
        """The drawn area of a cell of a tenth of a degree at (lat, lon)."""
        (x0, y0), (x1, y1) = maps.project(lat, lon), maps.project(lat + 0.1, lon + 0.1)
        return abs((x1 - x0) * (y1 - y0))

    # On the globe, a cell's area goes with the sine of its latitudes' difference.
    globe = (math.sin(math.radians(60.1)) - math.sin(math.radians(60))) / (
        math.sin(math.radians(40.1)) - math.sin(math.radians(40))
    )
    assert cell_area(60, 10) / cell_area(40, 10) == pytest.approx(globe, rel=0.01)


def test_every_region_of_the_partnership_lies_on_the_drawing():
    for name, *_rest, latitude, longitude in PARTNERSHIP:
        x, y = maps.project(latitude, longitude)
        assert 0 < x < europe_map.WIDTH, name
        assert 0 < y < europe_map.HEIGHT, name


def test_the_drawing_is_a_static_file_of_the_size_the_projection_names():
    svg = (settings.BASE_DIR / "static" / europe_map.IMAGE).read_text()

    assert f'viewBox="0 0 {europe_map.WIDTH} {europe_map.HEIGHT}"' in svg
    assert "Natural Earth" in svg
    # Nothing in it refers to another host: no fonts, images or styles to fetch.
    assert svg.count("http") == svg.count('xmlns="http://www.w3.org/2000/svg"') == 1


def test_a_single_region_still_gets_a_map_around_it():
    region_map = maps.region_map(regions()[1:2])

    (marker,) = region_map.markers
    assert inside(region_map, marker.extent)
    assert inside(region_map, marker.box)


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


def test_map_draws_the_land_from_the_static_drawing_under_the_markers():
    region_map = maps.region_map(regions())

    assert region_map.image == europe_map.IMAGE
    assert (region_map.image_width, region_map.image_height) == (
        europe_map.WIDTH,
        europe_map.HEIGHT,
    )


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
def test_each_marker_is_named_by_its_whole_region_name_and_count(client, published):
    links = map_links(parse(client.get("/en/")))

    for name, slug, *_rest in PARTNERSHIP:
        link = links[f"/en/regions/{slug}/"]
        assert link.attrs["aria-label"] == f"{name}, {SEED_COUNTS[slug]} measures"
    assert (
        links["/en/regions/mecklenburg-vorpommern/"]
        .attrs["aria-label"]
        .startswith("Mecklenburg-Western Pomerania, ")
    )


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
def test_home_page_map_draws_europe_from_the_sites_own_static_file(client, published):
    figure = parse(client.get("/en/")).find("figure", cls="region-map")

    image = figure.find("image", cls="region-map__land")
    # A file of the site's own static files, served from its own host.
    assert image.attrs["href"] == "/static/img/europe-map.svg"
    assert finders.find("img/europe-map.svg")
    assert "Natural Earth (public domain)" in figure.find("figcaption").text


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
