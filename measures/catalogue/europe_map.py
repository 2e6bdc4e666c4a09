"""The projection of static/img/europe-map.svg: written by static_src/map/build_map.mjs.

Lambert azimuthal equal-area on a sphere centred at (LON0, LAT0); a point of the unit
sphere's plane (X, Y) is drawn at (X0 + SCALE * X, Y0 - SCALE * Y) in the drawing's
units, which is WIDTH x HEIGHT. Run the script again rather than editing these.
"""

IMAGE = "img/europe-map.svg"
LON0 = 10
LAT0 = 52
SCALE = 763.0217
X0 = 321.5885
Y0 = 244.7931
WIDTH = 643
HEIGHT = 470
