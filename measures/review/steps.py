"""A step of an exploration or an expert opinion: one conditional UPDATE, taken once.

A step names the row and the state it starts from in `rows` (a queryset), so the
UPDATE changes nothing once another request has taken it: two coordinators
approving at once, a confirmation link pressed twice. An UPDATE sends no model
signal, so a step that changed a row bumps the content version itself: a
measure's page, the transfers page, the statistics, the list's facet and the
comparison show what these records say, and no cached copy may outlive a change.
"""

from measures.caching import content_version


def take_step(rows, updates, *, record=None, refused=None):
    """Write `updates` to `rows`; whether any row changed.

    When none did, `refused` (an exception) is raised if given: the step was taken
    already, or the record is no longer where it started. `record`, the object in
    hand, is read again from the database afterwards.
    """
    changed = bool(rows.update(**updates))
    if changed:
        content_version.bump()
    elif refused is not None:
        raise refused
    if record is not None:
        record.refresh_from_db()
    return changed
