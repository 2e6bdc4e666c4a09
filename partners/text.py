"""Text that people enter and that leaves the site: names on one line, cells that stay text.

Both apps need these rules (a partner's name and a measure's title alike), so
they live here, in the bottom layer, which imports nothing of the catalogue.

- `validate_single_line`: a name or title holds no line break, tab or other
  control character. A line break in a title reached the subject of every mail
  about the measure, where Django refuses it (a header must be one line). Nor
  does it hold an invisible format character (Unicode's category Cf: the bidi
  controls that turn text around, U+202E, zero-width spaces and joiners, a
  byte order mark): they make a name read differently from what it is.
- `validate_readable`: a text holds no U+FFFD, the mark a browser or Django puts
  where bytes could not be read as UTF-8: "Caf\ufffd" would be stored, mailed and
  shown for "Café", so the person is asked to type it again.
- `one_line`: any text made safe for one line, such as a mail subject, for
  texts stored before the validator existed or entered by visitors; format
  characters are taken out.
- `spreadsheet_cell`: a cell a spreadsheet would take for a formula stays text;
  `from_spreadsheet_cell` reads such a cell back as it was.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters (line feed, carriage return, tab, NUL, NEL …), DEL,
# and Unicode's line and paragraph separators: none belongs in a one-line name.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What `one_line` turns into a single space: any run of control characters and spaces.
LINE_BREAKING = re.compile("(?:\\s|[\x00-\x1f\x7f-\x9f\u2028\u2029])+")

# A cell starting with one of these is a formula to a spreadsheet; an apostrophe
# in front keeps it text (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def has_format_characters(text):
    """Whether `text` holds an invisible format character (Unicode category Cf)."""
    return any(unicodedata.category(character) == "Cf" for character in text)


def without_format_characters(text):
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


# What stands for bytes that could not be read as text (Unicode's replacement character).
UNREADABLE = "\ufffd"


def validate_readable(value):
    """Refuse a text holding a character that could not be read (U+FFFD)."""
    if isinstance(value, str) and UNREADABLE in value:
        raise ValidationError(
            _(
                "Part of this could not be read (it shows as �): type it again, "
                "letters with accents included."
            ),
            code="unreadable",
        )


def validate_single_line(value):
    """Refuse a name or title that holds a line break, a tab or another control character,
    or a character that could not be read."""
    validate_readable(value)
    if isinstance(value, str) and (
        CONTROL_CHARACTERS.search(value) or has_format_characters(value)
    ):
        raise ValidationError(
            _(
                "Write this on one line: without line breaks, tabs or other invisible "
                "control characters."
            ),
            code="control_characters",
        )


def one_line(text):
    """`text` on one line: every run of spaces and control characters becomes one space.

    Invisible format characters (bidi controls, zero-width ones) are taken out.
    """
    return LINE_BREAKING.sub(" ", without_format_characters(str(text))).strip()


def spreadsheet_cell(value):
    """A cell as a spreadsheet keeps it: text that looks like a formula stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def from_spreadsheet_cell(value):
    """A cell read back from a sheet: the apostrophe `spreadsheet_cell` put in front comes off.

    So a sheet can go out and come back without its texts gaining an apostrophe.
    """
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
