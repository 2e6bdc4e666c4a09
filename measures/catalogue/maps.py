"""The partnership's regions on a small map, drawn on the server as inline SVG.

Pure functions, no database and no files: an equirectangular projection fitted to
the regions' bounding box, markers sized by the number of published measures,
labels placed so that none overlaps another label or a marker, and a coarse,
hand-made outline of Europe with a graticule behind them. `region_map()` turns
regions (with `published_count`, as `with_measure_counts()` annotates them) into
the data `templates/includes/region_map.html` draws.

Nothing is fetched: no tiles, no map data files, no fonts (DESIGN.md: no
request leaves the site).
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from measures.catalogue.svg_text import text_width, wrap_text
from measures.content_language import localized

# SVG units. The regions' box is fitted into WIDTH by at most MAX_HEIGHT; the view
# box then grows to take in the labels and MARGIN around everything. The units are
# roughly CSS pixels on a phone, where the map is about 360 px wide.
WIDTH = 280
MAX_HEIGHT = 280
MARGIN = 8
# Regions closer together than this (degrees) still get a map of some extent.
MIN_SPAN = 4.0
MIN_RADIUS = 5.0
MAX_RADIUS = 15.0
RING_GAP = 4
NAME_SIZE = 14
COUNT_SIZE = 13
LINE_HEIGHT = 1.2
LABEL_PAD_X = 4
LABEL_PAD_Y = 2
LABEL_GAP = 3
GRATICULE_STEP = 5

# Longer names are set on several lines, broken after a space or a hyphen.
MAX_LINE_WIDTH = 150
# A label keeps this far from every marker but its own.
CLEARANCE = 6
# A label pushed away from its marker, joined to it by a line, is worth this much
# extra width of the map to avoid.
LEADER_COST = 40

# A very coarse outline of Europe's coasts, (longitude, latitude) in degrees, drawn by
# hand for orientation only; borders are left out on purpose.
# fmt: off
OUTLINE = (
    (  # the mainland, clockwise from Gibraltar, cut off in the east at 45° E
        (-5.6, 36.0), (-9.0, 37.0), (-9.5, 38.7), (-8.9, 42.0), (-9.3, 43.0), (-8.0, 43.7),
        (-1.8, 43.4), (-1.2, 46.0), (-2.5, 47.3), (-4.7, 48.4), (-1.6, 48.7), (-1.3, 49.7),
        (0.2, 49.5), (1.6, 50.9), (3.5, 51.5), (4.8, 53.0), (7.0, 53.5), (8.6, 53.9),
        (8.6, 55.5), (8.2, 56.8), (10.6, 57.7), (10.3, 56.9), (10.2, 56.2), (9.8, 55.6),
        (9.9, 54.8), (10.2, 54.4), (11.0, 54.4), (10.9, 53.9), (11.5, 54.0), (12.1, 54.2),
        (12.5, 54.45), (13.4, 54.6), (14.2, 53.9), (16.5, 54.5), (18.6, 54.7), (19.9, 54.9),
        (21.1, 55.7), (21.0, 56.8), (22.6, 57.7), (24.1, 57.0), (23.5, 58.5), (23.5, 59.2),
        (24.7, 59.4), (28.0, 59.5), (30.3, 59.9), (28.7, 60.7), (26.9, 60.4), (25.0, 60.2),
        (22.9, 59.8), (21.4, 60.8), (21.1, 62.6), (23.0, 63.9), (25.4, 65.0), (24.2, 65.8),
        (22.2, 65.6), (21.0, 64.2), (20.3, 63.8), (18.0, 62.6), (17.1, 60.7), (18.7, 60.1),
        (18.1, 59.3), (16.4, 56.7), (14.4, 56.0), (12.9, 55.4), (12.6, 56.0), (11.9, 57.7),
        (11.2, 59.0), (10.6, 59.9), (8.0, 58.0), (5.6, 58.9), (5.3, 60.4), (5.0, 62.0),
        (7.7, 63.1), (9.0, 63.6), (12.5, 66.0), (14.4, 67.3), (16.0, 68.5), (18.9, 69.6),
        (23.7, 70.7), (25.8, 71.1), (28.5, 70.9), (31.0, 70.3), (33.0, 69.4), (45.0, 68.0),
        (45.0, 46.0), (38.0, 47.0), (36.0, 45.5), (33.5, 44.5), (30.7, 46.5), (28.7, 44.2),
        (27.9, 42.5), (29.0, 41.2), (26.2, 40.3), (24.0, 40.8), (22.9, 40.6), (23.8, 38.0),
        (22.0, 36.5), (21.3, 37.7), (20.1, 39.4), (19.4, 40.4), (19.5, 41.8), (16.5, 43.5),
        (14.5, 45.2), (13.7, 45.6), (12.3, 45.4), (12.3, 44.2), (13.6, 43.6), (16.2, 41.9),
        (18.5, 40.1), (17.2, 40.5), (16.6, 38.4), (15.6, 38.0), (15.6, 40.1), (14.3, 40.8),
        (12.2, 41.8), (10.5, 42.9), (10.3, 43.9), (8.9, 44.4), (7.5, 43.8), (6.0, 43.1),
        (4.8, 43.4), (3.1, 43.0), (3.2, 41.9), (2.2, 41.4), (0.9, 41.0), (-0.3, 39.5),
        (0.2, 38.7), (-0.7, 37.6), (-2.1, 36.7), (-4.4, 36.7),
    ),
    (  # Great Britain
        (-5.7, 50.1), (-3.5, 50.6), (-1.0, 50.8), (1.4, 51.2), (1.7, 52.6), (0.3, 53.5),
        (-0.1, 54.5), (-1.5, 55.0), (-2.0, 55.8), (-3.2, 56.0), (-2.5, 56.5), (-1.8, 57.5),
        (-3.5, 57.7), (-3.0, 58.6), (-5.0, 58.6), (-5.7, 57.0), (-5.5, 56.0), (-4.9, 55.0),
        (-3.5, 54.9), (-3.2, 54.2), (-3.0, 53.4), (-4.6, 53.3), (-4.2, 52.3), (-5.3, 51.8),
        (-3.0, 51.4), (-4.2, 51.2),
    ),
    (  # Ireland
        (-6.0, 55.2), (-5.5, 54.3), (-6.1, 53.3), (-6.3, 52.2), (-8.2, 51.6), (-10.3, 51.9),
        (-9.9, 53.4), (-10.0, 54.2), (-8.5, 54.6), (-7.3, 55.4),
    ),
    ((11.0, 55.7), (12.1, 56.1), (12.6, 55.7), (12.2, 55.2), (11.6, 55.0), (11.1, 55.3)),
    ((9.7, 55.5), (10.4, 55.6), (10.8, 55.3), (10.6, 55.0), (10.0, 55.1)),
    ((18.1, 57.9), (19.0, 57.9), (18.7, 57.1), (18.2, 57.2)),
    ((9.4, 43.0), (9.6, 42.0), (9.2, 41.4), (8.6, 41.9), (8.6, 42.6)),
    ((9.2, 41.2), (9.8, 40.5), (9.6, 39.2), (8.9, 38.9), (8.4, 39.1), (8.4, 40.6)),
    ((2.3, 39.6), (3.1, 39.9), (3.5, 39.7), (3.1, 39.3), (2.7, 39.4)),
    ((12.4, 38.1), (15.6, 38.3), (15.1, 36.7), (12.4, 37.8)),
)
# fmt: on


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.bottom - self.top

    def overlaps(self, other):
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def distance_to(self, x, y):
        """How far the point (x, y) is from the box; 0 inside it."""
        nearest_x = min(max(x, self.left), self.right)
        nearest_y = min(max(y, self.top), self.bottom)
        return math.hypot(nearest_x - x, nearest_y - y)

    def hits_circle(self, x, y, r):
        """Whether the box and the circle of radius `r` around (x, y) overlap."""
        return self.distance_to(x, y) < r

    def union(self, other):
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def grown(self, by):
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)


@dataclass(frozen=True)
class Projection:
    """Equirectangular, true to scale along the standard parallel; x grows east, y south."""

    west: float
    north: float
    scale: float
    standard_parallel: float

    def point(self, lat, lon):
        k = math.cos(math.radians(self.standard_parallel))
        return (
            (float(lon) - self.west) * k * self.scale,
            (self.north - float(lat)) * self.scale,
        )

    def inverse(self, x, y):
        k = math.cos(math.radians(self.standard_parallel))
        return self.north - y / self.scale, self.west + x / (k * self.scale)


def fit_projection(points, width=WIDTH, max_height=MAX_HEIGHT, min_span=MIN_SPAN):
    """The projection that puts the bounding box of `points` ((lat, lon) pairs) into
    (0, 0)–(width, at most max_height), keeping its proportions."""
    lats = [float(lat) for lat, _lon in points]
    lons = [float(lon) for _lat, lon in points]
    south, north = _widen(min(lats), max(lats), min_span)
    west, east = _widen(min(lons), max(lons), min_span)
    parallel = (south + north) / 2
    k = math.cos(math.radians(parallel))
    scale = min(width / ((east - west) * k), max_height / (north - south))
    return Projection(west=west, north=north, scale=scale, standard_parallel=parallel)


def _widen(low, high, span):
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def marker_radius(count, largest):
    """Area grows with the count, so a region with four times the measures looks four
    times as big, not sixteen."""
    if largest <= 0 or count <= 0:
        return MIN_RADIUS
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(count / largest)


# Where a label may go around its marker, tried in this order, as (dx, dy, slide):
# dx and dy say on which side of the marker the box lies (-1, 0 or 1 across and
# down); `slide` moves a box beside the marker up (-1) or down (1), and a box above
# or below it left (-1) or right (1), from centred (0) to flush with the marker's
# edge. These are the places for a marker in the western half of the map, facing
# its middle; the eastern half mirrors them, so the labels keep the map compact.
PLACES = [
    (1, 0, 0),
    (1, 0, -1),
    (1, 0, 1),
    (1, 1, 0),
    (1, -1, 0),
    (0, 1, 0),
    (0, -1, 0),
    (0, 1, 1),
    (0, -1, 1),
    (0, 1, -1),
    (0, -1, -1),
    (-1, 0, 0),
    (-1, 0, -1),
    (-1, 0, 1),
    (-1, 1, 0),
    (-1, -1, 0),
]


def mirrored(place):
    dx, dy, slide = place
    return (-dx, dy, slide) if dx else (dx, dy, -slide)


def label_box(x, y, radius, width, height, place, distance=1):
    """The box of a label `width` × `height` at `place` around a marker at (x, y)."""
    dx, dy, slide = place
    gap = LABEL_GAP + (distance - 1) * (height + LABEL_GAP)
    if dx and dy:
        # Diagonal: the label's nearest corner touches the marker's 45° point.
        reach = radius * math.sqrt(0.5) + gap
        left = x + reach if dx > 0 else x - reach - width
        top = y + reach if dy > 0 else y - reach - height
    elif dx:
        left = x + radius + gap if dx > 0 else x - radius - gap - width
        top = y - height / 2 + slide * max(0, height / 2 - radius)
    else:
        left = x - width / 2 + slide * max(0, width / 2 - radius)
        top = y + radius + gap if dy > 0 else y - radius - gap - height
    return Box(left, top, left + width, top + height)


def place_labels(markers, centre_x, distances=(1, 2, 3)):
    """Choose a box for each marker's label, so that no label overlaps another label
    or comes near another marker, and each label is nearer its own marker than any
    other (so it is clear which is which), whenever one of the tried places allows it.

    `markers` are dicts with x, y, r, width and height; each gets `box`, `place` and
    `distance`. The biggest markers (by `radius`, without a ring) go first; each tries
    the `PLACES` in order (mirrored for markers east of `centre_x`, so labels face
    inwards), then further out, and with no clean place the least bad one wins. A
    marker whose label ended up pushed out or crowded is then tried first, and the
    better of the layouts is kept.
    """
    order = sorted(markers, key=lambda m: (-m.get("radius", m["r"]), m["x"], m["y"]))
    best = None
    for attempt in range(len(order) + 1):
        layout = _layout(order, markers, centre_x, distances)
        score = (
            sum(penalty for penalty, *_rest in layout.values()),
            _spread(layout, markers) + LEADER_COST * sum(d > 1 for *_rest, d in layout.values()),
        )
        if best is None or score < best[0]:
            best = (score, layout)
        troubled = [m for m in order if layout[id(m)][0] or layout[id(m)][3] > 1]
        if not troubled or attempt == len(order):
            break
        order = [troubled[0]] + [m for m in order if m is not troubled[0]]
    for marker in markers:
        _penalty, marker["box"], marker["place"], marker["distance"] = best[1][id(marker)]
    return markers


def _spread(layout, markers):
    """The width of the map that `layout` needs: the narrower, the larger the text on a phone."""
    left = min(min(box.left for _p, box, *_rest in layout.values()), *(m["x"] for m in markers))
    right = max(max(box.right for _p, box, *_rest in layout.values()), *(m["x"] for m in markers))
    return right - left


def _layout(order, markers, centre_x, distances):
    """{id of marker: (penalty, box, place, distance)}, placing labels in `order`."""
    layout, placed = {}, []
    for marker in order:
        others = [other for other in markers if other is not marker]
        places = PLACES
        if marker["x"] > centre_x:
            places = [mirrored(place) for place in places]
        best = None
        for distance in distances:
            for place in places:
                box = label_box(
                    marker["x"], marker["y"], marker["r"], marker["width"], marker["height"],
                    place, distance,
                )  # fmt: skip
                penalty = _clashes(box, marker, others, placed)
                if best is None or penalty < best[0]:
                    best = (penalty, box, place, distance)
                if penalty == 0:
                    break
            if best[0] == 0:
                break
        layout[id(marker)] = best
        placed.append(best[1])
    return layout


def _clashes(box, marker, others, placed):
    """How bad a place `box` is for the label of `marker`: 0 is clean. Covering another
    label or marker weighs most, crowding a marker less, and being nearer another
    marker than its own least."""
    own = box.distance_to(marker["x"], marker["y"]) - marker["r"]
    penalty = 100 * sum(box.overlaps(other) for other in placed)
    for other in others:
        gap = box.distance_to(other["x"], other["y"]) - other["r"]
        penalty += 100 if gap < 0 else 10 if gap < CLEARANCE else 0
        penalty += gap <= own
    return penalty


@dataclass
class Marker:
    name: str
    url: str
    count: int
    count_text: str
    current: bool
    x: float
    y: float
    r: float
    box: Box
    place: tuple
    # Where the label's lines start (the name's, then the count's), and how they are anchored.
    text_x: float = 0.0
    name_lines: list = field(default_factory=list)
    count_y: float = 0.0
    anchor: str = "start"
    leader: tuple | None = None

    @property
    def ring_r(self):
        """The radius of the ring that marks the current region."""
        return round(self.r + RING_GAP, 1)

    @property
    def reach(self):
        """The radius of the marker with its ring, if it has one."""
        return self.ring_r if self.current else self.r

    @property
    def extent(self):
        """The box around the marker and its ring."""
        r = self.reach
        return Box(self.x - r, self.y - r, self.x + r, self.y + r)

    @property
    def rect(self):
        """The label's box, rounded for drawing."""
        box = self.box
        return [round(v, 1) for v in (box.left, box.top, box.width, box.height)]


@dataclass
class RegionMap:
    view_box: str
    width: float
    height: float
    markers: list = field(default_factory=list)
    land: str = ""
    graticule: str = ""
    unplaced: list = field(default_factory=list)


def region_map(regions, current=None):
    """The map of `regions`; `current` (a region or None) is highlighted.

    Regions without coordinates are returned in `unplaced`, so the page can say
    so; with none placed, the map is None.
    """
    located = [r for r in regions if r.latitude is not None and r.longitude is not None]
    unplaced = [r for r in regions if r not in located]
    if not located:
        return None
    projection = fit_projection([(r.latitude, r.longitude) for r in located])
    largest = max(r.published_count for r in located)
    specs = []
    for region in located:
        x, y = projection.point(region.latitude, region.longitude)
        radius = marker_radius(region.published_count, largest)
        count_text = ngettext("%(count)s measure", "%(count)s measures", region.published_count)
        count_text %= {"count": region.published_count}
        lines = wrap_text(localized(region, "name"), NAME_SIZE, MAX_LINE_WIDTH, bold=True)
        width = max(
            *(text_width(line, NAME_SIZE, bold=True) for line in lines),
            text_width(count_text, COUNT_SIZE),
        )
        height = (len(lines) * NAME_SIZE + COUNT_SIZE) * LINE_HEIGHT
        specs.append(
            {
                "region": region,
                "lines": lines,
                "count_text": count_text,
                "x": x,
                "y": y,
                "radius": radius,
                "current": _is_current(region, current),
                # The space the marker takes: the current region also has a ring.
                "r": radius + (RING_GAP if _is_current(region, current) else 0),
                "width": width + 2 * LABEL_PAD_X,
                "height": height + 2 * LABEL_PAD_Y,
            }
        )
    centre_x = (min(spec["x"] for spec in specs) + max(spec["x"] for spec in specs)) / 2
    place_labels(specs, centre_x)

    markers = [_marker(spec, current) for spec in specs]
    bounds = markers[0].box
    for marker in markers:
        bounds = bounds.union(marker.box).union(marker.extent)
    bounds = bounds.grown(MARGIN)
    return RegionMap(
        view_box=" ".join(_num(v) for v in (bounds.left, bounds.top, bounds.width, bounds.height)),
        width=round(bounds.width),
        height=round(bounds.height),
        markers=markers,
        land=outline_path(projection),
        graticule=graticule_path(projection, bounds),
        unplaced=unplaced,
    )


def _marker(spec, current):
    region, box = spec["region"], spec["box"]
    dx, _dy, slide = spec["place"]
    # Text lines up on the side nearest the marker.
    towards = dx or slide
    if towards > 0:
        anchor, text_x = "start", box.left + LABEL_PAD_X
    elif towards < 0:
        anchor, text_x = "end", box.right - LABEL_PAD_X
    else:
        anchor, text_x = "middle", (box.left + box.right) / 2
    # Baselines: a line's ascent is about 0.95 em of a system sans-serif.
    baseline = box.top + LABEL_PAD_Y + NAME_SIZE * 0.95
    name_lines = []
    for line in spec["lines"]:
        name_lines.append((line, round(baseline, 1)))
        baseline += NAME_SIZE * LINE_HEIGHT
    count_y = baseline - NAME_SIZE * LINE_HEIGHT + (NAME_SIZE + COUNT_SIZE) / 2 * LINE_HEIGHT
    leader = None
    if spec["distance"] > 1:
        # A label pushed away from its marker gets a line back to it.
        end_x = min(max(spec["x"], box.left), box.right)
        end_y = min(max(spec["y"], box.top), box.bottom)
        leader = tuple(round(v, 1) for v in (spec["x"], spec["y"], end_x, end_y))
    return Marker(
        name=localized(region, "name"),
        url=region.get_absolute_url(),
        count=region.published_count,
        count_text=spec["count_text"],
        current=_is_current(region, current),
        x=round(spec["x"], 1),
        y=round(spec["y"], 1),
        r=round(spec["radius"], 1),
        box=box,
        place=spec["place"],
        text_x=round(text_x, 1),
        name_lines=name_lines,
        count_y=round(count_y, 1),
        anchor=anchor,
        leader=leader,
    )


def _is_current(region, current):
    return current is not None and region.pk == current.pk


def outline_path(projection):
    """SVG path data of `OUTLINE` under `projection`."""
    parts = []
    for ring in OUTLINE:
        points = [projection.point(lat, lon) for lon, lat in ring]
        parts.append("M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in points) + " Z")
    return " ".join(parts)


def graticule_path(projection, bounds, step=GRATICULE_STEP):
    """Meridians and parallels every `step` degrees across `bounds`."""
    north, west = projection.inverse(bounds.left, bounds.top)
    south, east = projection.inverse(bounds.right, bounds.bottom)
    parts = []
    for lon in range(math.ceil(west / step) * step, math.floor(east / step) * step + 1, step):
        x, _y = projection.point(north, lon)
        parts.append(f"M{_num(x)} {_num(bounds.top)} V{_num(bounds.bottom)}")
    for lat in range(math.ceil(south / step) * step, math.floor(north / step) * step + 1, step):
        _x, y = projection.point(lat, west)
        parts.append(f"M{_num(bounds.left)} {_num(y)} H{_num(bounds.right)}")
    return " ".join(parts)


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")
