"""The partnership's regions on a map of Europe, drawn on the server as inline SVG.

The land and borders are a static drawing, static/img/europe-map.svg, made once from
Natural Earth's public-domain boundaries by static_src/map/build_map.mjs, which also
writes the projection's constants (`europe_map`). Here, pure functions without
database or files put each region's marker on the same projection, size it by the
number of published measures and place the labels so that none overlaps another label
or a marker. `region_map()` turns regions (with `published_count`, as
`with_measure_counts()` annotates them) into the data
`templates/includes/region_map.html` draws.

Nothing is fetched from another host: the drawing is one of the site's static files
(DESIGN.md: no request leaves the site).
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from measures.catalogue import europe_map
from measures.catalogue.svg_text import text_width, wrap_text
from measures.content_language import localized

# SVG units: those of the drawing (europe_map.WIDTH x HEIGHT), roughly CSS pixels on a
# phone. The view box takes in the markers, their labels and MARGIN around them.
MARGIN = 18
MIN_RADIUS = 5.0
MAX_RADIUS = 15.0
RING_GAP = 4
NAME_SIZE = 14
COUNT_SIZE = 13
LINE_HEIGHT = 1.2
LABEL_PAD_X = 4
LABEL_PAD_Y = 2
LABEL_GAP = 3

# Longer names are set on several lines, broken after a space or a hyphen.
MAX_LINE_WIDTH = 150
# A label keeps this far from every marker but its own.
CLEARANCE = 6
# A label pushed away from its marker, joined to it by a line, is worth this much
# extra width of the map to avoid.
LEADER_COST = 40


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


def project(lat, lon):
    """(x, y) of a point in the drawing's units: Lambert azimuthal equal-area, as
    static_src/map/build_map.mjs draws the land; x grows east, y south."""
    lam = math.radians(float(lon) - europe_map.LON0)
    phi = math.radians(float(lat))
    phi0 = math.radians(europe_map.LAT0)
    k = math.sqrt(
        2 / (1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam))
    )
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return europe_map.X0 + europe_map.SCALE * x, europe_map.Y0 - europe_map.SCALE * y


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
    unplaced: list = field(default_factory=list)
    # The drawing of the land (a static file) and its extent, in the view box's units.
    image: str = europe_map.IMAGE
    image_width: int = europe_map.WIDTH
    image_height: int = europe_map.HEIGHT


def region_map(regions, current=None):
    """The map of `regions`; `current` (a region or None) is highlighted.

    Regions without coordinates are returned in `unplaced`, so the page can say
    so; with none placed, the map is None.
    """
    located = [r for r in regions if r.latitude is not None and r.longitude is not None]
    unplaced = [r for r in regions if r not in located]
    if not located:
        return None
    largest = max(r.published_count for r in located)
    specs = []
    for region in located:
        x, y = project(region.latitude, region.longitude)
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


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")
