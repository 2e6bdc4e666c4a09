"""Keeps the history of measures to real changes: restoring a backup adds no records.

`loaddata` brings the history records a backup holds. It saves each measure
"raw", which django-simple-history skips, and then sets its themes and target
groups, which it does not: that added two records per measure, dated at the
restore, to every restored catalogue. A measure saved raw is marked to skip
history, so the relations set right after the save add none either.
"""

from django.db.models.signals import pre_save

from measures.models import Measure


def skip_history_of_loaded_rows(sender, instance, raw=False, **kwargs):
    if raw:
        instance.skip_history_when_saving = True


def connect():
    pre_save.connect(skip_history_of_loaded_rows, sender=Measure, dispatch_uid="history-loaddata")
