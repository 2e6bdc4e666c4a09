"""The translations of partners, result indicators and further links load with the seed.

The fixture names each row by natural keys only, so loading it again updates the
same rows; every row is valid as the admin would save it.
"""

import pytest
from django.core.management import call_command

from measures.models import Indicator, IndicatorTranslation, MeasureLink, MeasureLinkTranslation
from partners.models import Partner, PartnerTranslation

pytestmark = pytest.mark.django_db

SEED = ["partners", "regions", "themes", "target_groups", "measures", "measure_links"]
SEED += ["indicators", "part_translations"]
MODELS = (PartnerTranslation, IndicatorTranslation, MeasureLinkTranslation)


def load():
    call_command("loaddata", *SEED, verbosity=0)


def rows():
    return {model.__name__: sorted(model.objects.values_list()) for model in MODELS}


def test_loading_the_part_translations_twice_changes_nothing():
    load()
    before = rows()

    load()

    assert rows() == before
    assert PartnerTranslation.objects.filter(language="de").count() == Partner.objects.count()
    assert IndicatorTranslation.objects.filter(language="de").count() == Indicator.objects.count()
    assert MeasureLinkTranslation.objects.filter(language="de").count() == (
        MeasureLink.objects.count()
    )


def test_every_part_translation_of_the_seed_passes_full_clean():
    load()

    for model in MODELS:
        for row in model.objects.all():
            row.full_clean()
