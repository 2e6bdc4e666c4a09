"""How wide a line of text will be, for laying out SVG drawn on the server.

The server cannot measure text, so it estimates: advance widths, in ems, of a wide
system sans-serif (DejaVu Sans, the usual system-ui on Linux), regular and bold,
rounded up. A box that is too wide costs a little space; one that is too narrow
lets text overlap or run off the drawing.
"""

import re

NARROW = set("ijlrtfI.,;:'!|()- ")
WIDE = set("mwMW@")
EMS = {
    # bold: (narrow, wide, capital, digit, other)
    False: (0.42, 1.0, 0.74, 0.66, 0.64),
    True: (0.5, 1.1, 0.82, 0.72, 0.72),
}


def text_width(text, size, bold=False):
    """A generous estimate of the width of `text` at font size `size`."""
    narrow, wide, capital, digit, other = EMS[bold]
    ems = 0.0
    for char in text:
        if char in NARROW:
            ems += narrow
        elif char in WIDE:
            ems += wide
        elif char.isdigit():
            ems += digit
        elif char.isupper():
            ems += capital
        else:
            ems += other
    return ems * size


def wrap_text(text, size, max_width, bold=False):
    """`text` in lines no wider than `max_width`, broken after spaces and hyphens.

    A single word wider than `max_width` keeps a line of its own.
    """
    lines = []
    for word in re.findall(r"[^\s-]+-?", text):
        joiner = "" if not lines or lines[-1].endswith("-") else " "
        if lines and text_width(lines[-1] + joiner + word, size, bold) <= max_width:
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return lines or [text]
