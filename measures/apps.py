"""App configuration of the measures app."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Catalogue")

    def ready(self):
        # Signal handlers import the models, which the app registry loads before ready().
        from measures.caching import signals as content_signals
        from measures.review import groups, history
        from measures.search import index

        post_migrate.connect(groups.sync_groups_after_migrate, dispatch_uid="next2met_groups")
        index.connect()
        content_signals.connect()
        history.connect()
