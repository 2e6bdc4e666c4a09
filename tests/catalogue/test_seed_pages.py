"""The seed as `make seed` loads it: every public page of it answers, in every language.

The other tests build their data with factories; this one walks the real content,
whose shapes factories do not make (measures loaded without history, translations
of every kind, long texts), so a page that fails on real content fails here.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from measures.models import Category, Measure, Region
from partners.models import Partner

pytestmark = pytest.mark.django_db

MAKEFILE = Path(settings.BASE_DIR) / "Makefile"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def seed_fixtures():
    """The fixtures `make seed` loads, in its order, read from the Makefile."""
    match = re.search(r"^SEED\s*:=\s*(.+)$", MAKEFILE.read_text(), re.MULTILINE)
    return match.group(1).split()


@pytest.fixture
def seed():
    call_command("loaddata", *seed_fixtures(), verbosity=0)


def public_addresses(language):
    yield f"/{language}/"
    yield f"/{language}/measures/"
    yield f"/{language}/partners/"
    for measure in Measure.objects.published():
        yield f"/{language}/measures/{measure.slug}/"
    for region in Region.objects.all():
        yield f"/{language}/regions/{region.slug}/"
    for theme in Category.objects.all():
        yield f"/{language}/themes/{theme.slug}/"
    for partner in Partner.objects.all():
        yield f"/{language}/partners/{partner.slug}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_seed_answers_in_every_language(client, seed, language):
    failed = {}
    for address in public_addresses(language):
        status = client.get(address).status_code
        if status != 200:
            failed[address] = status

    assert failed == {}
