"""Several explorations may be adopted into the same measure: they share its one link.

An exploration's recorded adoption was one-to-one with its lineage link, so a
second entry adopted into the same measure could not be recorded; it becomes a
foreign key, the existing links kept as they are. The address's help text says
who sees it: coordinators, never editors or visitors.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0018_exploration_regions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="exploration",
            name="email",
            field=models.EmailField(
                blank=True,
                help_text="Shown to coordinators only, who decide the entry and forward the editors' replies; never to editors or visitors. Forgotten when the entry is withdrawn.",
                max_length=254,
                verbose_name="e-mail address",
            ),
        ),
        migrations.AlterField(
            model_name="exploration",
            name="lineage",
            field=models.ForeignKey(
                blank=True,
                help_text="The lineage link made when the organisation adopted the measure.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="explorations",
                to="measures.lineage",
                verbose_name="recorded adoption",
            ),
        ),
    ]
