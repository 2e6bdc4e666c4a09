"""The review workflow: moving measures between states and handling revisions.

Every move goes through `transition()`, which asks `permissions`, checks that a
measure sent to review is complete, changes the state with a conditional
UPDATE (so two reviewers acting at the same moment cannot both succeed),
records the move in the timeline and notifies the people concerned.

Changes an editor makes to a published measure are kept as a *revision*
(`propose_revision()`); the public page keeps the published text until a
coordinator approves them (`approve_revision()`).
"""

import difflib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext_lazy as _

from measures.models import (
    FUNDING_FIELDS,
    GOOD_PRACTICE_FIELDS,
    Measure,
    MeasureRevision,
    MeasureTransition,
    Prerequisite,
    PrerequisiteKind,
)
from measures.models.prerequisites import list_problems
from measures.review import notifications, permissions

Status = Measure.Status

# What a measure needs before it can go to review, beyond what every draft needs.
REQUIRED_FOR_REVIEW = {
    "description": _("Describe the measure before sending it to review."),
    "problem": _("Say which problem the measure addresses before sending it to review."),
    "implementation": _("Say whether the measure is planned, running or completed."),
    "start_year": _("Give the year the measure started, or starts."),
    "target_groups": _("Choose at least one target group before sending it to review."),
}

# The fields an editor's revision of a published measure may change. The image,
# the further links, the indicators and the origins are left out: they change
# only while a measure is a draft or by a coordinator.
REVISABLE_FIELDS = [
    "title",
    "title_local",
    "summary",
    "description",
    "region",
    "categories",
    "target_groups",
    "start_year",
    "end_year",
    "implementation",
    "website",
    *GOOD_PRACTICE_FIELDS,
    "information_note",
    "funding",
    "main_institution",
    "image_alt",
    "evidence_level",
    "documentation_level",
    "budget_band",
    "staff_effort",
    "duration_months",
    *FUNDING_FIELDS.values(),
]
# A revision also carries the measure's prerequisites, a list rather than a field:
# under this key, in the form `Prerequisite.objects.as_data()` gives.
PREREQUISITES = "prerequisites"


class WorkflowError(Exception):
    """A move that cannot be made; the message says why, for the person who tried."""


def missing_for_review(values):
    """Field name → message for every field a measure needs before review.

    `values` maps field names to values: a form's cleaned data, or the measure
    itself through `values_of()`.
    """
    return {
        name: message
        for name, message in REQUIRED_FOR_REVIEW.items()
        if _is_empty(values.get(name))
    }


def _is_empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, models.QuerySet):
        return not value.exists()
    if isinstance(value, list | tuple | set):
        return not value
    return False


def values_of(measure):
    values = {name: getattr(measure, name) for name in REQUIRED_FOR_REVIEW}
    values["target_groups"] = measure.target_groups.all()
    return values


def transition(measure, to_status, user, comment=""):
    """Move `measure` to `to_status` on behalf of `user`; returns the timeline entry."""
    to_status = Status(to_status)
    if not permissions.can_transition(user, measure, to_status):
        raise PermissionDenied(
            _("You may not move this measure from “%(from)s” to “%(to)s”.")
            % {"from": measure.get_status_display(), "to": to_status.label}
        )
    comment = comment.strip()
    if to_status == Status.CHANGES_REQUESTED and not comment:
        raise WorkflowError(_("Say what should change: the editors will read your reason."))
    if to_status == Status.SUBMITTED:
        missing = missing_for_review(values_of(measure))
        if missing:
            raise ValidationError(missing)

    now = timezone.now()
    updates = {
        "status": to_status,
        "version": F("version") + 1,
        "updated_at": now,
        "updated_by": user,
    }
    if to_status == Status.SUBMITTED:
        updates["submitted_at"] = now
    if to_status == Status.PUBLISHED:
        # A coordinator has just read it through: that counts as a verification.
        updates["last_verified"] = timezone.localdate(now)
        if measure.published_at is None:
            updates["published_at"] = now

    from_status = measure.status
    with transaction.atomic():
        # Conditional on the state the user saw: if another reviewer moved the
        # measure in the meantime, nothing is updated and the user is told.
        moved = Measure.objects.filter(pk=measure.pk, status=from_status).update(**updates)
        if not moved:
            raise WorkflowError(
                _("Someone else changed the state of “%(title)s” a moment ago. Reload the page.")
                % {"title": measure.title}
            )
        record = MeasureTransition.objects.create(
            measure=measure,
            from_status=from_status,
            to_status=to_status,
            user=user,
            comment=comment,
        )
        # Queued in the move's own transaction (the outbox is rows of this database,
        # next2met.outbox): a move rolled back takes its mails with it, and nothing
        # leaves before the commit, which is what on_commit used to ensure; a move
        # committed can no longer lose its mails to a crash just after the commit.
        notifications.transition_made(record)
    measure.refresh_from_db()
    return record


# Revisions of published measures


def serialise(cleaned_data):
    """The revisable values of a form's cleaned data, as JSON-ready values."""
    data = {}
    for name in REVISABLE_FIELDS:
        if name not in cleaned_data:
            continue
        value = cleaned_data[name]
        if isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, models.QuerySet | list | tuple):
            value = sorted(item.pk if isinstance(item, models.Model) else item for item in value)
        data[name] = value
    return data


def current_values(measure):
    """The measure's present values in the form `serialise()` gives."""
    data = {}
    for name in REVISABLE_FIELDS:
        field = measure._meta.get_field(name)
        if field.many_to_many:
            data[name] = sorted(obj.pk for obj in getattr(measure, name).all())
        elif field.is_relation:
            data[name] = getattr(measure, field.attname)
        else:
            data[name] = getattr(measure, name)
    data[PREREQUISITES] = measure.prerequisites.as_data()
    return data


def propose_revision(measure, cleaned_data, user, prerequisites=None):
    """Keep an editor's changes to a published measure until a coordinator decides.

    `prerequisites`, when given, is the measure's whole list of prerequisites as
    the editor left it (see `Prerequisite.objects.as_data()`). A second proposal
    before the decision replaces the first: the coordinator always reviews the
    editor's latest wording.
    """
    if not permissions.can_propose_revision(user, measure):
        raise PermissionDenied(_("You may not propose changes to this measure."))
    data = serialise(cleaned_data)
    if prerequisites is not None:
        data[PREREQUISITES] = list(prerequisites)
    # Compare with the stored measure: a bound admin form has already copied its
    # values onto the instance it was given.
    stored = current_values(Measure.objects.get(pk=measure.pk))
    changed = {k: v for k, v in data.items() if comparable(stored.get(k)) != comparable(v)}
    with transaction.atomic():
        pending = (
            MeasureRevision.objects.select_for_update()
            .filter(measure=measure, status=MeasureRevision.Status.PENDING)
            .first()
        )
        if not changed:
            if pending:
                pending.delete()
            return None
        if pending:
            pending.data = data
            pending.created_by = user
            pending.save(update_fields=["data", "created_by", "updated_at"])
            revision = pending
        else:
            revision = MeasureRevision.objects.create(measure=measure, data=data, created_by=user)
        # In the transaction, like the moves' mails (see transition()).
        notifications.revision_proposed(revision)
    return revision


def pending_revision(measure):
    return measure.revisions.filter(status=MeasureRevision.Status.PENDING).first()


def describe(measure, name, value):
    """A person-readable rendering of a revisable field's value."""
    if name == PREREQUISITES:
        return " · ".join(describe_prerequisite(row) for row in value)
    field = measure._meta.get_field(name)
    if isinstance(field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if value in (None, "", []):
        return ""
    if field.many_to_many:
        names = field.related_model.objects.filter(pk__in=value).values_list("name", flat=True)
        return ", ".join(sorted(names))
    if field.is_relation:
        obj = field.related_model.objects.filter(pk=value).first()
        return str(obj) if obj else ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return str(value)


def describe_prerequisite(row):
    """One prerequisite of a revision in a line: "Money: about €50,000 a year (why)"."""
    kind = PrerequisiteKind(row["kind"]).label if row["kind"] in PrerequisiteKind else row["kind"]
    text = f"{kind}: {row['condition']}"
    return f"{text} ({row['reason']})" if row.get("reason") else text


def comparable(value):
    """A value as a diff compares it: a text with its line breaks as "\n" whatever sent it
    (browsers send "\r\n"), so that line endings alone never count as a change."""
    return normalize_newlines(value) if isinstance(value, str) else value


def word_diff(old, new):
    """Both texts as HTML, with the words that differ wrapped in <del> and <ins>."""
    old, new = comparable(old), comparable(new)
    old_words, new_words = old.split(" "), new.split(" ")
    old_html, new_html = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        before = escape(" ".join(old_words[a1:a2]))
        after = escape(" ".join(new_words[b1:b2]))
        if op == "equal":
            old_html.append(before)
            new_html.append(after)
            continue
        if before:
            old_html.append(f"<del>{before}</del>")
        if after:
            new_html.append(f"<ins>{after}</ins>")
    return mark_safe(" ".join(old_html)), mark_safe(" ".join(new_html))


def revision_diff(revision):
    """(label, published, proposed) for every field the revision changes.

    The values are HTML in which the changed words are marked.
    """
    measure = revision.measure
    current = current_values(measure)
    rows = []
    for name in [*REVISABLE_FIELDS, PREREQUISITES]:
        if name not in revision.data or comparable(revision.data[name]) == comparable(
            current.get(name)
        ):
            continue
        if name == PREREQUISITES:
            label = Prerequisite._meta.verbose_name_plural
        else:
            label = measure._meta.get_field(name).verbose_name
        old = describe(measure, name, current.get(name))
        new = describe(measure, name, revision.data[name])
        rows.append((label, *word_diff(old, new)))
    return rows


def approve_revision(revision, user, comment=""):
    """Apply a pending revision to the published measure."""
    if not permissions.can_review(user):
        raise PermissionDenied(_("Only coordinators approve changes."))
    with transaction.atomic():
        revision = MeasureRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != MeasureRevision.Status.PENDING:
            raise WorkflowError(_("These changes were already decided on."))
        # A list the measure cannot hold (sent before its form refused it) is refused
        # here with the reason, before anything changes.
        problems = list_problems(revision.data.get(PREREQUISITES, []))
        if problems:
            raise WorkflowError(
                " ".join(
                    [
                        *problems,
                        str(_("Reject the changes and ask the editors to send them again.")),
                    ]
                )
            )
        measure = revision.measure
        for name, value in revision.data.items():
            if name == PREREQUISITES:
                continue
            field = measure._meta.get_field(name)
            if field.many_to_many:
                continue
            setattr(measure, field.attname, value)
        measure.updated_by = user
        measure.version = F("version") + 1
        # One history record for the whole approval, m2m changes included.
        measure.skip_history_when_saving = True
        measure.save()
        for name, value in revision.data.items():
            if name == PREREQUISITES:
                # Unchanged rows keep their ids, which shared fit-check links name.
                if value != measure.prerequisites.as_data():
                    Prerequisite.objects.replace(measure, value)
            elif measure._meta.get_field(name).many_to_many:
                getattr(measure, name).set(value)
        del measure.skip_history_when_saving
        measure.save(update_fields=["updated_at"])
        measure.refresh_from_db()
        revision.status = MeasureRevision.Status.APPROVED
        revision.decided_by = user
        revision.decided_at = timezone.now()
        revision.comment = comment.strip()
        revision.save()
        notifications.revision_decided(revision)
    return measure


def reject_revision(revision, user, comment):
    if not permissions.can_review(user):
        raise PermissionDenied(_("Only coordinators reject changes."))
    if not comment.strip():
        raise WorkflowError(_("Say why the changes are rejected: the editors will read it."))
    with transaction.atomic():
        updated = MeasureRevision.objects.filter(
            pk=revision.pk, status=MeasureRevision.Status.PENDING
        ).update(
            status=MeasureRevision.Status.REJECTED,
            decided_by=user,
            decided_at=timezone.now(),
            comment=comment.strip(),
        )
        if not updated:
            raise WorkflowError(_("These changes were already decided on."))
        revision.refresh_from_db()
        notifications.revision_decided(revision)
    return revision
