"""Saving the measure admin's form: one save per change, stamped with who made it.

An editor's change to a published measure is not saved on the measure: it becomes
a revision a coordinator approves (`measures.review.workflow.propose_revision`).
"""

from django.contrib import messages
from django.db.models import F
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from measures.admin.forms import SUBMIT_BUTTON
from measures.admin.review import REFUSED, error_text
from measures.models import Measure
from measures.review import permissions, workflow

Status = Measure.Status


def proposes_revision(user, measure):
    """Whether the admin form of `measure` proposes a revision instead of changing it."""
    return measure.pk is not None and permissions.can_propose_revision(user, measure)


def save(request, form, formsets, change):
    """Save a valid admin form: the measure with its relations, or a revision of it."""
    measure, user = form.instance, request.user
    if change and proposes_revision(user, measure):
        workflow.propose_revision(
            measure, form.cleaned_data, user, prerequisites=_proposed_prerequisites(formsets)
        )
        return
    measure.updated_by = user
    if change:
        measure.version = F("version") + 1
        # The relations first and the measure's row last, so that its one save writes
        # the one history record, with the themes and target groups it now has.
        _save_relations(measure, form, formsets)
        measure._history_user = user
        measure.save()
    else:
        # A new measure needs its row before its relations can point to it; the
        # history record waits for them, so a new measure takes a second save.
        measure.created_by = user
        measure.save_without_historical_record()
        _save_relations(measure, form, formsets)
        measure._history_user = user
        measure.save(update_fields=["updated_at"])
    # The version was counted in the database; the change page needs the number.
    measure.refresh_from_db()
    if SUBMIT_BUTTON in request.POST and measure.status != Status.SUBMITTED:
        _send_to_review(request, measure)


def _proposed_prerequisites(formsets):
    """The prerequisites an editor left in the form of a published measure, else None."""
    for formset in formsets:
        if hasattr(formset, "proposed"):
            return formset.proposed()
    return None


def _save_relations(measure, form, formsets):
    # Without history: the measure's own save records them with it.
    measure.skip_history_when_saving = True
    try:
        form.save_m2m()
        for formset in formsets:
            formset.save()
    finally:
        del measure.skip_history_when_saving


def _send_to_review(request, measure):
    try:
        workflow.transition(measure, Status.SUBMITTED, request.user)
    except REFUSED as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Sent to review. A coordinator will look at it."))


def revision_change_message():
    """The admin log's entry for a revision: nothing on the measure changed."""
    return [{"changed": {"fields": [str(_("proposed changes for review"))]}}]


def revision_response(request, measure):
    """The answer to a saved revision: what happens next, on the same page."""
    if workflow.pending_revision(measure) is None:
        messages.info(request, _("Nothing was changed."))
    else:
        messages.success(
            request,
            _(
                "Your changes are waiting for a coordinator's approval. "
                "The published text stays online until then."
            ),
        )
    return HttpResponseRedirect(request.path)
