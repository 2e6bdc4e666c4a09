"""Change the content version whenever anything the public pages show changes.

Every model of the catalogue's apps counts: measures and their links, themes,
target groups and translations, regions, partners. Listening to all of them
rather than a list keeps a model added later from being forgotten; a save of a
model the public never sees (a revision, a history row) costs one needless
increment, nothing more.

Two kinds of change send no model signal, and say so themselves:

- a workflow transition changes the state with `QuerySet.update()`; it always
  records a `MeasureTransition` in the same transaction, whose post_save is heard
  here (so the hook lives in one place and `measures.review.workflow` stays unaware);
- bulk operations (`generate_demo_measures`, `refresh_search_index`) call
  `content_version.bump()` when they are done.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from measures.caching import content_version

CONTENT_APPS = ["measures", "partners"]


def content_saved_or_deleted(sender, **kwargs):
    content_version.bump()


def content_relation_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_version.bump()


def connect():
    # One model at a time, not every sender: a delete signal on every model would stop
    # Django's fast deletes elsewhere (expired sessions, login attempts).
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"content-version-{model._meta.label_lower}"
            post_save.connect(content_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(content_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-del")
            if model._meta.auto_created:
                m2m_changed.connect(content_relation_changed, sender=model, dispatch_uid=uid)
