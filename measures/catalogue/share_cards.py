"""The pictures that link previews show (og:image): a card per measure and one for the site.

A measure's card names its title, region and country, its themes and the site, in
the page's language, drawn with Pillow in DejaVu Sans from the site's own
static/fonts. The site's card says what the catalogue is. Both are PNG images of
WIDTH x HEIGHT, the size the big link-preview layouts use. They are made on the
server when first asked for and kept (next2met/urls.py: `cached_download`) until the
catalogue's content version changes.
"""

import io
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from PIL import Image, ImageDraw, ImageFont

from measures.content_language import localized
from measures.models import Measure

WIDTH, HEIGHT = 1200, 630
PADDING = 72
# The site's colours (static/css/site.css): brand blue, its dark shade, the teal accent, paper.
BRAND = (29, 78, 137)
BRAND_DARK = (21, 58, 102)
ACCENT = (11, 122, 110)
PAPER = (251, 250, 247)
INK = (27, 35, 48)
INK_SOFT = (74, 85, 104)
TINT = (232, 239, 248)
BAND = 112
TITLE_SIZES = (60, 52, 44)
TITLE_MAX_LINES = 3
# Browsers and link previews keep the picture this long (seconds).
MAX_AGE = 60 * 60


@cache
def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(settings.BASE_DIR / "static" / "fonts" / name), size)


def wrap(draw, text, face, width, max_lines):
    """`text` in lines no wider than `width`; the last one cut with "…" if it needs more."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and draw.textlength(last + " …", font=face) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: max_lines - 1], last + " …"]


def _canvas():
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    # The band at the top: the logo's two circles (templates/includes/logo.svg) and the name.
    draw.rectangle((0, 0, WIDTH, BAND), fill=BRAND)
    cy = BAND // 2
    draw.ellipse((PADDING, cy - 22, PADDING + 44, cy + 22), fill=(255, 255, 255))
    draw.ellipse((PADDING + 34, cy - 15, PADDING + 64, cy + 15), outline=(163, 226, 216), width=5)
    draw.ellipse((PADDING + 44, cy - 5, PADDING + 54, cy + 5), fill=(163, 226, 216))
    draw.text((PADDING + 84, cy), "Next2Met", font=font(40, bold=True), fill="white", anchor="lm")
    tagline = _("Catalogue of soft digitalisation measures")
    draw.text((WIDTH - PADDING, cy), tagline, font=font(24), fill=TINT, anchor="rm")
    # The accent line at the foot.
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=ACCENT)
    return image, draw


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _title_lines(draw, title, width):
    """The largest of TITLE_SIZES in which the title fits TITLE_MAX_LINES lines."""
    for size in TITLE_SIZES:
        face = font(size, bold=True)
        lines = wrap(draw, title, face, width, TITLE_MAX_LINES)
        if not lines[-1].endswith("…"):
            return face, lines
    return face, lines


def measure_card(measure):
    """The PNG card of `measure`: region and country, title, themes, under the site's name."""
    image, draw = _canvas()
    width = WIDTH - 2 * PADDING
    y = BAND + 48
    region = f"{localized(measure.region, 'name')}, {measure.region.get_country_display()}"
    draw.text((PADDING, y), region.upper(), font=font(28, bold=True), fill=ACCENT, anchor="lt")
    y += 48
    face, lines = _title_lines(draw, str(localized(measure, "title")), width)
    line_height = round(face.size * 1.2)
    for line in lines:
        draw.text((PADDING, y), line, font=face, fill=INK, anchor="lt")
        y += line_height
    y += 20
    x = PADDING
    for theme in measure.theme_list:
        name = str(localized(theme, "name"))
        label = font(26)
        text_width = draw.textlength(name, font=label)
        if x + text_width + 32 > WIDTH - PADDING:
            break
        draw.rounded_rectangle((x, y, x + text_width + 32, y + 46), radius=23, fill=TINT)
        draw.text((x + 16, y + 23), name, font=label, fill=BRAND_DARK, anchor="lm")
        x += text_width + 44
    return _png(image)


def site_card():
    """The PNG card of every page without one of its own."""
    image, draw = _canvas()
    width = WIDTH - 2 * PADDING
    y = BAND + 64
    title = _("What worked next to the metropolis, ready to travel")
    face, lines = _title_lines(draw, title, width)
    for line in lines:
        draw.text((PADDING, y), line, font=face, fill=INK, anchor="lt")
        y += round(face.size * 1.2)
    y += 24
    lede = _(
        "Digital services, programmes and networks from six European regions next to a big "
        "city, shared so that other regions can adapt them."
    )
    for line in wrap(draw, lede, font(32), width, 3):
        draw.text((PADDING, y), line, font=font(32), fill=INK_SOFT, anchor="lt")
        y += 44
    return _png(image)


def _answer(png):
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@require_safe
def measure_card_view(request, slug):
    measure = get_object_or_404(Measure.objects.published().for_listing(), slug=slug)
    return _answer(measure_card(measure))


@require_safe
def site_card_view(request):
    return _answer(site_card())
