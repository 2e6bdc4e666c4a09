"""How long an exploring organisation's entry keeps what it sent: the nightly clean-up.

- An entry never confirmed is deleted once its latest confirmation link has
  expired (`CONFIRMATION_MAX_AGE` after it was sent, or sent again): nobody
  confirmed the address, so nothing of it is kept. The page of an expired link
  deletes them too, so its words are true when read.
- A declined entry forgets its address `DECLINED_KEEP_DAYS` after the decision:
  long enough for a coordinator to answer a question about it, no longer.
- A withdrawn entry forgot its address when it was withdrawn; an approved one
  keeps it while it is shown, so that the partner's answers can be passed on.

`manage.py clean_up_explorations` runs `clean_up()` every night
(docs/operators/mail-and-jobs.md); the privacy notice reads its numbers from here.
"""

from datetime import timedelta
from typing import NamedTuple

from django.utils import timezone

from measures.models import Exploration
from measures.review.explorations import CONFIRMATION_MAX_AGE

Status = Exploration.Status
DECLINED_KEEP_DAYS = 30
CONFIRMATION_DAYS = CONFIRMATION_MAX_AGE // (24 * 60 * 60)


class CleanUp(NamedTuple):
    deleted: int
    forgotten: int

    def __str__(self):
        return (
            f"{self.deleted} entries never confirmed deleted; "
            f"{self.forgotten} declined entries forgot their address."
        )


def delete_unconfirmed(now=None):
    """Delete the entries whose latest confirmation link has expired; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(seconds=CONFIRMATION_MAX_AGE)
    _total, by_model = Exploration.objects.filter(
        status=Status.UNCONFIRMED, created_at__lt=cutoff
    ).delete()
    return by_model.get(Exploration._meta.label, 0)


def forget_declined(now=None):
    """Forget the address of entries declined more than DECLINED_KEEP_DAYS ago."""
    cutoff = (now or timezone.now()) - timedelta(days=DECLINED_KEEP_DAYS)
    return (
        Exploration.objects.filter(status=Status.DECLINED, decided_at__lt=cutoff)
        .exclude(email="")
        .update(email="")
    )


def clean_up(now=None):
    now = now or timezone.now()
    return CleanUp(delete_unconfirmed(now), forget_declined(now))
