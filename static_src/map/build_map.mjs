// Draws the map of Europe behind the regions' markers, once, at build time.
//
//   cd static_src/map && npm ci && node build_map.mjs
//
// Reads the country boundaries of Natural Earth (public domain) at 1:50 million from the
// npm package world-atlas, projects them with a Lambert azimuthal equal-area projection
// centred on Europe (the projection of the EU's own maps, EPSG:3035, here on a sphere),
// clips them to a box around the partnership, simplifies them to what a 600-unit-wide
// drawing can show, and writes two files:
//
//   static/img/europe-map.svg            the land and borders, served as a static file
//   measures/catalogue/europe_map.py     the projection's constants, so the server puts each
//                                        region's marker on the same point of that drawing
//
// Nothing is fetched when the site runs: both files are committed.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const atlas = JSON.parse(
  readFileSync(join(here, "node_modules", "world-atlas", "countries-50m.json"), "utf8"),
);

// The projection's centre (degrees), as EPSG:3035.
const LON0 = 10;
const LAT0 = 52;
// The partnership's regions (the seed's points, rounded outwards) span FIT_WIDTH units
// across: on a phone, about one unit per CSS pixel, so labels set in 14 units stay legible.
const FIT = { west: -8, east: 26, south: 41, north: 61 };
const FIT_WIDTH = 340;
// The drawing covers this much more, so that labels near the edge still have land
// and sea behind them, and a region added later in another corner of Europe too.
const OUTER = { west: -20, east: 40, south: 35, north: 68 };
// Points closer than this (units) to the last one kept are dropped.
const TOLERANCE = 0.8;
const COLOURS = { sea: "#eef3f8", land: "#e2e6dc", border: "#b9c0c9" };

const rad = (deg) => (deg * Math.PI) / 180;

// Lambert azimuthal equal-area on the unit sphere; y grows north.
function laea(lon, lat) {
  const lambda = rad(lon - LON0);
  const phi = rad(lat);
  const phi0 = rad(LAT0);
  const k = Math.sqrt(
    2 / (1 + Math.sin(phi0) * Math.sin(phi) + Math.cos(phi0) * Math.cos(phi) * Math.cos(lambda)),
  );
  return [
    k * Math.cos(phi) * Math.sin(lambda),
    k * (Math.cos(phi0) * Math.sin(phi) - Math.sin(phi0) * Math.cos(phi) * Math.cos(lambda)),
  ];
}

// The projected bounding box of a box of longitudes and latitudes, its edges sampled.
function projectedBox({ west, east, south, north }) {
  const xs = [];
  const ys = [];
  for (let i = 0; i <= 100; i++) {
    const lon = west + ((east - west) * i) / 100;
    const lat = south + ((north - south) * i) / 100;
    for (const [x, y] of [laea(lon, south), laea(lon, north), laea(west, lat), laea(east, lat)]) {
      xs.push(x);
      ys.push(y);
    }
  }
  return { left: Math.min(...xs), right: Math.max(...xs), bottom: Math.min(...ys), top: Math.max(...ys) };
}

const fit = projectedBox(FIT);
const SCALE = FIT_WIDTH / (fit.right - fit.left);
const outer = projectedBox(OUTER);
const X0 = -outer.left * SCALE;
const Y0 = outer.top * SCALE;
const WIDTH = Math.round((outer.right - outer.left) * SCALE);
const HEIGHT = Math.round((outer.top - outer.bottom) * SCALE);

function toMap([lon, lat]) {
  const [x, y] = laea(lon, lat);
  return [X0 + SCALE * x, Y0 - SCALE * y];
}

// Sutherland–Hodgman: a ring clipped to the drawing's box.
function clip(ring) {
  const edges = [
    (p) => p[0] >= 0,
    (p) => p[0] <= WIDTH,
    (p) => p[1] >= 0,
    (p) => p[1] <= HEIGHT,
  ];
  const cross = [
    (a, b) => [0, a[1] + ((b[1] - a[1]) * (0 - a[0])) / (b[0] - a[0])],
    (a, b) => [WIDTH, a[1] + ((b[1] - a[1]) * (WIDTH - a[0])) / (b[0] - a[0])],
    (a, b) => [a[0] + ((b[0] - a[0]) * (0 - a[1])) / (b[1] - a[1]), 0],
    (a, b) => [a[0] + ((b[0] - a[0]) * (HEIGHT - a[1])) / (b[1] - a[1]), HEIGHT],
  ];
  let points = ring;
  for (let e = 0; e < 4 && points.length; e++) {
    const inside = edges[e];
    const result = [];
    for (let i = 0; i < points.length; i++) {
      const current = points[i];
      const previous = points[(i + points.length - 1) % points.length];
      if (inside(current)) {
        if (!inside(previous)) result.push(cross[e](previous, current));
        result.push(current);
      } else if (inside(previous)) {
        result.push(cross[e](previous, current));
      }
    }
    points = result;
  }
  return points;
}

function simplify(points) {
  const kept = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(point[0] - last[0], point[1] - last[1]) >= TOLERANCE) kept.push(point);
  }
  return kept;
}

function area(points) {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

const num = (v) => (Math.round(v * 10) / 10).toString();

// "M x y l dx dy ...z" on a grid of tenths: relative steps are short to write.
function relativePath(points) {
  const grid = points.map(([x, y]) => [Math.round(x * 10), Math.round(y * 10)]);
  let d = `M${num(grid[0][0] / 10)} ${num(grid[0][1] / 10)}l`;
  const steps = [];
  for (let i = 1; i < grid.length; i++) {
    const dx = grid[i][0] - grid[i - 1][0];
    const dy = grid[i][1] - grid[i - 1][1];
    if (dx || dy) steps.push(`${num(dx / 10)} ${num(dy / 10)}`);
  }
  return d + steps.join(" ").replace(/ -/g, "-") + "z";
}

const countries = feature(atlas, atlas.objects.countries).features;
const paths = [];
for (const country of countries) {
  const geometry = country.geometry;
  if (!geometry) continue;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const rings = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      // Near the antipode the projection runs to infinity; whatever lies there is far
      // outside the box anyway.
      if (ring.some(([lon, lat]) => lat < -20)) continue;
      const points = simplify(clip(ring.map(toMap)));
      if (points.length < 3 || area(points) < 0.5) continue;
      rings.push(relativePath(points));
    }
  }
  if (rings.length) paths.push(rings.join(""));
}

const svg = [
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">`,
  `<title>Europe: country boundaries from Natural Earth (public domain)</title>`,
  `<rect width="${WIDTH}" height="${HEIGHT}" fill="${COLOURS.sea}"/>`,
  `<path fill="${COLOURS.land}" stroke="${COLOURS.border}" stroke-width="0.6" stroke-linejoin="round" d="${paths.join("")}"/>`,
  `</svg>`,
  "",
].join("\n");
writeFileSync(join(root, "static", "img", "europe-map.svg"), svg);

const python = `"""The projection of static/img/europe-map.svg: written by static_src/map/build_map.mjs.

Lambert azimuthal equal-area on a sphere centred at (LON0, LAT0); a point of the unit
sphere's plane (X, Y) is drawn at (X0 + SCALE * X, Y0 - SCALE * Y) in the drawing's
units, which is WIDTH x HEIGHT. Run the script again rather than editing these.
"""

IMAGE = "img/europe-map.svg"
LON0 = ${LON0}
LAT0 = ${LAT0}
SCALE = ${SCALE.toFixed(4)}
X0 = ${X0.toFixed(4)}
Y0 = ${Y0.toFixed(4)}
WIDTH = ${WIDTH}
HEIGHT = ${HEIGHT}
`;
writeFileSync(join(root, "measures", "catalogue", "europe_map.py"), python);

console.log(`europe-map.svg: ${WIDTH} x ${HEIGHT} units, ${Buffer.byteLength(svg)} bytes`);
