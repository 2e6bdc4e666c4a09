"""The life of an exploration: sent, confirmed, approved or declined, withdrawn, adopted.

Every step is a function here, and each mails the people concerned through the
outbox (rows of this database, next2met.outbox), inside the step's transaction:

- `submit()`: the visitor gets a link to confirm their address (nothing is public);
  an address that has an entry standing for the measure makes no second one, and
  is told how far the first is (with the link to confirm it again, if need be);
  until it is confirmed, the latest sending counts, and its link works from then on
  (an entry never confirmed is deleted when that link expires,
  `measures.review.exploration_retention`);
- `confirm()`: the coordinators hear that an entry waits for approval;
- `approve()` / `decline()`: coordinators only (`permissions.can_review_explorations`);
  on approval the owning partner's editors are told (the coordinators stand in for
  a partner without any, as for the contact relay), and the organisation is told
  too. The editors never see the organisation's address: their reply goes to the
  coordinators (Reply-To), who approved the entry, know the address and forward it;
- `withdraw()`: by the organisation, from the link of its mails; its address is forgotten;
- `record_adoption()`: a coordinator turns an approved entry into a lineage link
  ("adapted from") to the adopting measure; the entry stays, marked adopted.
  Entries adopted into the same measure share its link; an "inspired by" link
  between the two measures becomes "adapted from".

A step that changes the state is a conditional UPDATE taken once
(`measures.review.steps.take_step`), which bumps the content version: a
measure's page, the transfers page and the statistics show approved entries.
"""

from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from measures.content_language import localized
from measures.models import Exploration, Lineage, Measure
from measures.review import permissions
from measures.review.steps import take_step
from measures.site_url import absolute_url
from partners.text import one_line

Status = Exploration.Status
CONFIRMATION_SALT = "measures.explorations.confirm"
CONFIRMATION_MAX_AGE = 3 * 24 * 60 * 60
# An organisation's entry that still stands: waiting for its address or for a
# coordinator, or shown. The same address sends no second one for the measure.
STANDING = (Status.UNCONFIRMED, Status.WAITING, Status.PUBLISHED, Status.ADOPTED)


class ExplorationError(Exception):
    """A step that cannot be taken; the message says why."""


# Links


def confirmation_token(exploration):
    return signing.dumps(exploration.key, salt=CONFIRMATION_SALT)


def key_of(token, max_age=CONFIRMATION_MAX_AGE):
    """The key signed in a confirmation token; raises signing.BadSignature (or Expired).

    `max_age=None` reads the key of a token known to be expired, to say what became of it.
    """
    key = signing.loads(token, salt=CONFIRMATION_SALT, max_age=max_age)
    if not isinstance(key, str):
        raise signing.BadSignature("Not an exploration key")
    return key


def _link(exploration, name, **kwargs):
    with translation.override(exploration.language):
        return absolute_url(reverse(f"measures:{name}", kwargs=kwargs))


def confirmation_url(exploration):
    return _link(exploration, "exploration_confirm", token=confirmation_token(exploration))


def withdraw_url(exploration):
    return _link(exploration, "exploration_withdraw", key=exploration.key)


# Mails


def _mail(subject, template, context, recipients, reply_to=None, language=None):
    """Mails of `template` in `language`; `subject` and `context` are callables, made in
    that language too, so a measure's title and address are those of the reader's language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = one_line(subject())
        body = render_to_string(f"measures/email/{template}", context())
    return [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email], reply_to=reply_to or None)
        for email in recipients
    ]


def _context(exploration):
    """What every mail about an entry names, in the active language: the measure's title
    where translated and the address of its page in that language."""
    measure = exploration.measure
    return {
        "exploration": exploration,
        "measure": measure,
        "title": localized(measure, "title"),
        "public_url": absolute_url(measure.get_absolute_url()),
        "withdraw_url": withdraw_url(exploration),
    }


def _title(measure):
    return localized(measure, "title")


def _send(messages):
    if messages:
        get_connection().send_messages(messages)


# Steps


def standing_entry(measure, email):
    """The entry still standing that `email` sent for `measure`, or None.

    Addresses are compared as people type them: trimmed, in any case. Withdrawn
    entries have forgotten their address; a declined one may be sent again.
    """
    return (
        Exploration.objects.filter(
            measure=measure, email__iexact=email.strip(), status__in=STANDING
        )
        .order_by("created_at", "pk")
        .first()
    )


def submit(measure, cleaned_data, language):
    """Keep a visitor's entry, unconfirmed, and mail them the link to confirm it.

    An organisation's entry is recorded once per measure: when the address has
    one standing already, no second is made, and the address is told how far the
    first one is (the link to confirm it again, if it never was). Whoever typed
    the address sees the same page either way; only its owner reads the answer.
    Returns the entry and whether it is new.
    """
    email = cleaned_data["email"].strip()
    with transaction.atomic():
        # One submission for a measure at a time, so two at once cannot both be first.
        Measure.objects.select_for_update().filter(pk=measure.pk).first()
        exploration = standing_entry(measure, email)
        if exploration is not None:
            if exploration.status == Status.UNCONFIRMED:
                _replace(exploration, cleaned_data, language)
            _send(_already_recorded(exploration, language))
            return exploration, False
        exploration = Exploration.objects.create(
            measure=measure,
            organisation=cleaned_data["organisation"],
            region=cleaned_data.get("region"),
            region_name=cleaned_data["region_name"],
            country=cleaned_data["country"],
            email=email,
            note=cleaned_data.get("note", ""),
            language=language,
        )
        _send(_confirmation(exploration, language))
    return exploration, True


def _replace(exploration, cleaned_data, language):
    """An entry not confirmed yet takes what was sent last, and the time of its new link."""
    exploration.organisation = cleaned_data["organisation"]
    exploration.region = cleaned_data.get("region")
    exploration.region_name = cleaned_data["region_name"]
    exploration.country = cleaned_data["country"]
    exploration.note = cleaned_data.get("note", "")
    exploration.language = language
    exploration.created_at = timezone.now()
    exploration.save(
        update_fields=[
            "organisation",
            "region",
            "region_name",
            "country",
            "note",
            "language",
            "created_at",
        ]
    )


def _confirmation(exploration, language, again=False):
    measure = exploration.measure
    return _mail(
        lambda: (
            gettext("Please confirm: you are exploring “%(title)s”") % {"title": _title(measure)}
        ),
        "exploration_confirm.txt",
        lambda: {
            **_context(exploration),
            "confirmation_url": confirmation_url(exploration),
            "again": again,
        },
        [exploration.email],
        language=language,
    )


def _already_recorded(exploration, language):
    """The mail to an address that sent an entry again: the link to confirm the first one,
    or how far it is."""
    if exploration.status == Status.UNCONFIRMED:
        return _confirmation(exploration, language, again=True)
    return _mail(
        lambda: (
            gettext("Your entry for “%(title)s” is already recorded")
            % {"title": _title(exploration.measure)}
        ),
        "exploration_recorded.txt",
        lambda: _context(exploration),
        [exploration.email],
        language=language,
    )


def confirm(exploration):
    """The address is confirmed: the entry waits for a coordinator, who is told.

    Whether this call confirmed it: an entry confirmed before (a second press, a page
    left open in another tab) or decided since is left as it is."""
    with transaction.atomic():
        confirmed = take_step(
            Exploration.objects.filter(pk=exploration.pk, status=Status.UNCONFIRMED),
            {"status": Status.WAITING, "confirmed_at": timezone.now()},
            record=exploration,
        )
        if confirmed:
            emails = sorted({user.email for user in permissions.coordinators()})
            _send(
                _mail(
                    lambda: (
                        gettext("A region is exploring “%(title)s”: please approve or decline")
                        % {"title": exploration.measure.title}
                    ),
                    "exploration_waiting.txt",
                    lambda: {
                        **_context(exploration),
                        "admin_url": absolute_url(
                            reverse("admin:measures_exploration_change", args=[exploration.pk])
                        ),
                    },
                    emails,
                )
            )
    return bool(confirmed)


def _decide(exploration, user, to_status):
    if not permissions.can_review_explorations(user):
        raise PermissionDenied(_("Only coordinators approve or decline explorations."))
    take_step(
        Exploration.objects.filter(pk=exploration.pk, status=Status.WAITING),
        {"status": to_status, "decided_at": timezone.now(), "decided_by": user},
        record=exploration,
        refused=ExplorationError(_("This entry is not waiting for a decision.")),
    )


def approve(exploration, user):
    """Make the entry public; tell the measure's editors and the exploring organisation."""
    with transaction.atomic():
        _decide(exploration, user, Status.PUBLISHED)
        measure = exploration.measure
        editors = sorted({person.email for person in permissions.editors_of(measure.partner)})
        coordinators = sorted({person.email for person in permissions.coordinators()})
        messages = _mail(
            lambda: (
                gettext("%(organisation)s is exploring your measure “%(title)s”")
                % {"organisation": exploration.organisation, "title": measure.title}
            ),
            "exploration_editors.txt",
            lambda: {
                **_context(exploration),
                "to_coordinators": not editors,
                "admin_url": absolute_url(
                    reverse("admin:measures_exploration_change", args=[exploration.pk])
                ),
            },
            editors or coordinators,
            reply_to=coordinators if editors else None,
        )
        if exploration.email:
            messages += _mail(
                lambda: (
                    gettext("Your entry for “%(title)s” is public") % {"title": _title(measure)}
                ),
                "exploration_published.txt",
                lambda: _context(exploration),
                [exploration.email],
                language=exploration.language,
            )
        _send(messages)
    return exploration


def decline(exploration, user):
    with transaction.atomic():
        _decide(exploration, user, Status.DECLINED)
    return exploration


def withdraw(key):
    """The organisation takes its entry back: hidden for good, its address forgotten."""
    take_step(
        Exploration.objects.filter(key=key).exclude(status=Status.WITHDRAWN),
        {"status": Status.WITHDRAWN, "email": "", "decided_at": timezone.now()},
    )


class Adoption(NamedTuple):
    """A recorded adoption: the lineage link the entry now carries, and the kind that link
    had before (None for a link made now; "adapted" for one already adapted, which the
    entry shares; "inspired" for an "inspired by" link the adoption made "adapted from")."""

    lineage: Lineage
    kind_before: str | None

    @property
    def upgraded(self):
        return self.kind_before not in (None, Lineage.Kind.ADAPTED)


def why_no_adoption(exploration):
    """Why `exploration` cannot be recorded as adopted in its state, or None when it can."""
    if exploration.status == Status.PUBLISHED:
        return None
    if exploration.status == Status.ADOPTED:
        return _("This entry is already recorded as adopted.")
    return _(
        "Only an approved entry can be recorded as adopted: approve it first, which "
        "tells the measure's editors and the organisation."
    )


def record_adoption(exploration, adopting_measure, user, changes=""):
    """The organisation adopted the measure: an "adapted from" link from its measure to this one.

    Only an approved entry, shown on the measure's page, becomes an adoption: one that
    waits was never announced to the measure's editors nor to the organisation. Several
    entries adopted into the same measure share its one link. A link the measures had
    already says "adapted from" from now on, whatever it said: the adoption is what the
    coordinator recorded, and the measure's page and the statistics count it so.
    """
    if not permissions.can_review_explorations(user):
        raise PermissionDenied(_("Only coordinators record adoptions."))
    refusal = why_no_adoption(exploration)
    if refusal is not None:
        raise ExplorationError(refusal)
    if adopting_measure.pk == exploration.measure_id:
        raise ValidationError(_("A measure cannot be adopted from itself."))
    with transaction.atomic():
        lineage = (
            Lineage.objects.select_for_update()
            .filter(measure=adopting_measure, origin=exploration.measure)
            .first()
        )
        if lineage is None:
            kind_before = None
            lineage = Lineage.objects.create(
                measure=adopting_measure,
                origin=exploration.measure,
                kind=Lineage.Kind.ADAPTED,
                changes=changes,
            )
        else:
            kind_before = lineage.kind
            if lineage.kind != Lineage.Kind.ADAPTED:
                lineage.kind = Lineage.Kind.ADAPTED
                lineage.save(update_fields=["kind"])
        take_step(
            Exploration.objects.filter(pk=exploration.pk, status=Status.PUBLISHED),
            {
                "status": Status.ADOPTED,
                "lineage": lineage,
                "decided_by": user,
                "decided_at": timezone.now(),
            },
            record=exploration,
            refused=ExplorationError(
                _("This entry changed a moment ago; it was not recorded as adopted.")
            ),
        )
    return Adoption(lineage, kind_before)
