"""Change the content version whenever anything the public pages show changes.

Every model of the catalogue's apps counts: measures and their links, themes,
target groups and translations, regions, partners. Listening to all of them
rather than a list keeps a model added later from being forgotten; a save of a
model the public never sees (a revision, a history row) costs one needless
increment, nothing more.

Two kinds of change send no model signal, and say so themselves:

- a workflow transition changes the state with `QuerySet.update()`; it always
  records a `MeasureTransition` in the same transaction, whose post_save is heard
  here (so the hook lives in one place and `measures.workflow` stays unaware);
- bulk operations (`generate_demo_measures`, `refresh_search_index`) call
  `content_version.bump()` when they are done.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from measures import content_version

CONTENT_APPS = {"measures", "partners"}


def _is_content(sender):
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in CONTENT_APPS


def content_saved_or_deleted(sender, **kwargs):
    if _is_content(sender):
        content_version.bump()


def content_relation_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and _is_content(sender):
        content_version.bump()


def connect():
    post_save.connect(content_saved_or_deleted, dispatch_uid="content-version-save")
    post_delete.connect(content_saved_or_deleted, dispatch_uid="content-version-delete")
    m2m_changed.connect(content_relation_changed, dispatch_uid="content-version-m2m")
