"""App configuration of the measures app."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Catalogue")

    def ready(self):
        from measures import cache_signals, history, signals
        from measures.groups import sync_groups_after_migrate

        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="next2met_groups")
        signals.connect()
        cache_signals.connect()
        history.connect()
