"""/favicon.ico: the site's icon where browsers, feed readers and link checkers ask first.

Pages link two drawings of the same shapes (static/img/): the SVG, which browsers
that can draw one prefer, and this ICO (16, 32 and 48 pixels) for the rest. The
file is read once from the static files, the same in every deployment.
"""

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.views.decorators.http import require_safe

ICON = "img/favicon.ico"


@functools.cache
def icon_bytes():
    return Path(finders.find(ICON)).read_bytes()


@require_safe
def favicon(request):
    return HttpResponse(icon_bytes(), content_type="image/x-icon")
