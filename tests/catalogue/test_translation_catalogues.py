"""The translation catalogues: German complete, the public pages in every language, .mo current.

The compiled .mo files are committed (a fresh clone serves translated pages
without gettext), so a test checks that each one holds what its .po says.
"""

import shutil
import subprocess
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Sources of strings that only partner staff read; Finnish, Polish and Spanish
# may leave them to English (the accessibility statement says so).
BACK_OFFICE = (
    "templates/admin/",
    "templates/measures/email/",
    "templates/lockout.html",
    "measures/admin/",
    "measures/apps.py",
    "measures/review/workflow.py",
    "measures/review/notifications.py",
    "measures/admin/spreadsheets.py",
    "measures/images.py",
    "measures/exchange/api.py",
    "measures/models/",
    "partners/models.py",
    "next2met/two_factor/views.py",
    "partners/admin.py",
)


def entries(language):
    """(references, msgid, translated) of every message of a .po file."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()
    found = []
    for block in text.split("\n\n")[1:]:
        refs = " ".join(line[3:] for line in block.splitlines() if line.startswith("#:")).split()
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        msgid = _value(lines, "msgid ")
        strings = [
            _value(lines[i:], line.split(" ")[0] + " ")
            for i, line in enumerate(lines)
            if line.startswith("msgstr")
        ]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
        found.append((refs, msgid, all(strings) and not fuzzy))
    return found


def _value(lines, prefix):
    """The string after `prefix`, continuation lines joined."""
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            parts = [line[len(prefix) :]]
            parts += [more for more in lines[i + 1 :] if more.startswith('"')][: _run(lines, i)]
            return "".join(part.strip()[1:-1] for part in parts)
    return ""


def _run(lines, i):
    count = 0
    for line in lines[i + 1 :]:
        if not line.startswith('"'):
            break
        count += 1
    return count


def test_german_is_complete():
    untranslated = [msgid for _refs, msgid, done in entries("de") if not done]

    assert untranslated == []


@pytest.mark.parametrize("language", ["fi", "pl", "es"])
def test_public_pages_are_translated(language):
    public = [
        msgid
        for refs, msgid, done in entries(language)
        if not done and not all(ref.startswith(BACK_OFFICE) for ref in refs)
    ]

    assert public == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_matches_its_po_file(language, tmp_path):
    folder = LOCALE / language / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", fresh, folder / "django.po"], check=True)

    with (folder / "django.mo").open("rb") as committed, fresh.open("rb") as compiled:
        assert GNUTranslations(committed)._catalog == GNUTranslations(compiled)._catalog, (
            "run `make messages` and commit the .mo file"
        )
