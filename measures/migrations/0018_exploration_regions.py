"""An exploration names a region of the catalogue where it can.

Entries sent before named their region in words only. Those whose name is a
catalogue region's name in the same country (its English or local name, or a
translation), written in any case, with or without accents, hyphens or extra
spaces, are tied to that region, so that they are counted with its adoptions.
The others stay as they were: a region outside the catalogue.
"""

import re
import unicodedata

import django.db.models.deletion
import partners.text
from django.db import migrations, models


def folded(name):
    """A name as compared: case folded, accents, hyphens and extra spaces dropped."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"[^\W_]+", letters))


def tie_to_regions(apps, schema_editor):
    Region = apps.get_model("measures", "Region")
    RegionTranslation = apps.get_model("measures", "RegionTranslation")
    Exploration = apps.get_model("measures", "Exploration")
    names = {}
    for region in Region.objects.all():
        for name in (region.name, region.name_local):
            if folded(name):
                names.setdefault((folded(name), region.country), region.pk)
    for translation in RegionTranslation.objects.select_related("region"):
        if folded(translation.name):
            key = (folded(translation.name), translation.region.country)
            names.setdefault(key, translation.region_id)
    for exploration in Exploration.objects.filter(region__isnull=True):
        region_id = names.get((folded(exploration.region_name), exploration.country))
        if region_id is not None:
            Exploration.objects.filter(pk=exploration.pk).update(region_id=region_id)


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0017_expert_opinions'),
    ]

    operations = [
        migrations.AddField(
            model_name='exploration',
            name='region',
            field=models.ForeignKey(blank=True, help_text='Empty for a region outside the catalogue, which the entry names in words.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='explorations', to='measures.region', verbose_name='region of the catalogue'),
        ),
        migrations.AlterField(
            model_name='exploration',
            name='region_name',
            field=models.CharField(help_text='As the organisation named it; for a region of the catalogue, its name.', max_length=200, validators=[partners.text.validate_single_line], verbose_name='region'),
        ),
        # Backwards, the entries keep their names in words, which is all they had.
        migrations.RunPython(tie_to_regions, migrations.RunPython.noop),
    ]
