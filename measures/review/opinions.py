"""The life of an expert opinion: written, submitted, published or sent back, replied to.

Every move goes through `move()`, which asks `permissions` and changes the
state with a conditional UPDATE taken once (`measures.review.steps.take_step`:
two coordinators acting at once cannot both succeed, and the content version is
bumped); `reply()` records the measure's editors' one reply the same way. The
measure's page, the list's facet and the comparison show published opinions.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import ExpertOpinion
from measures.review import notifications, permissions
from measures.review.steps import take_step

Status = ExpertOpinion.Status


class OpinionError(Exception):
    """A step that cannot be taken; the message says why, for the person who tried."""


def move(opinion, to_status, user, comment=""):
    """Move `opinion` to `to_status` on behalf of `user`."""
    to_status = Status(to_status)
    if not permissions.can_move_opinion(user, opinion, to_status):
        raise PermissionDenied(
            _("You may not move this opinion from “%(from)s” to “%(to)s”.")
            % {"from": opinion.get_status_display(), "to": to_status.label}
        )
    comment = comment.strip()
    if to_status == Status.CHANGES_REQUESTED and not comment:
        raise OpinionError(_("Say what should change: the expert will read your reason."))
    now = timezone.now()
    updates = {"status": to_status, "updated_at": now}
    if to_status == Status.SUBMITTED:
        updates["submitted_at"] = now
    if to_status == Status.PUBLISHED:
        updates.update(published_at=now, decided_by=user)
    if to_status == Status.CHANGES_REQUESTED:
        updates.update(decided_by=user, review_comment=comment)
    with transaction.atomic():
        take_step(
            ExpertOpinion.objects.filter(pk=opinion.pk, status=opinion.status),
            updates,
            record=opinion,
            refused=OpinionError(_("Someone else changed the state of this opinion a moment ago.")),
        )
        # Queued in the move's own transaction, as the moves of measures are.
        notifications.opinion_moved(opinion)
    return opinion


def reply(opinion, user, text):
    """Record the measure's editors' reply; there is only one."""
    # Asked of the stored opinion: `opinion` may carry the reply of a form already.
    stored = ExpertOpinion.objects.select_related("measure").get(pk=opinion.pk)
    if not permissions.can_reply_to_opinion(user, stored):
        raise PermissionDenied(_("Only the measure's editors reply, and only once."))
    text = text.strip()
    if not text:
        raise OpinionError(_("Write the reply first."))
    take_step(
        ExpertOpinion.objects.filter(pk=opinion.pk, reply=""),
        {"reply": text, "replied_at": timezone.now(), "replied_by": user},
        record=opinion,
        refused=OpinionError(_("The editors have already replied to this opinion.")),
    )
    return opinion
