"""E-mails about the review of measures.

Coordinators hear when a measure is submitted or a change is proposed; the
owning partner's editors hear when their measure is published, sent back with a
request for changes, or when their proposed changes are decided on. Expert
opinions are told about likewise (`opinion_moved`). Mail goes
through Django's e-mail backend (the console by default, SMTP from settings).
Every subject is made one line (`partners.text.one_line`): a title stored with a
line break must not stop the mail, and with it the request that sends it.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from measures.models import Measure
from measures.review.permissions import coordinators, editors_of
from measures.site_url import absolute_url
from partners.text import one_line

logger = logging.getLogger(__name__)


def admin_url(measure):
    """The address of the measure's admin page at SITE_URL, whoever's request sends the mail."""
    return absolute_url(reverse("admin:measures_measure_change", args=[measure.pk]))


def _send(subject, template, context, recipients):
    emails = sorted({user.email for user in recipients})
    if not emails:
        return 0
    subject = one_line(subject)
    body = render_to_string(template, context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    try:
        return send_mass_mail(messages, fail_silently=False)
    except OSError:
        # A mail server outage must not undo a review decision already committed.
        logger.exception("Could not send %r to %d recipients", subject, len(emails))
        return 0


def transition_made(record):
    measure = record.measure
    context = {
        "measure": measure,
        "record": record,
        "url": admin_url(measure),
        "public_url": absolute_url(measure.get_absolute_url()),
    }
    if record.to_status == Measure.Status.SUBMITTED:
        subject = _("For review: %(title)s") % {"title": measure.title}
        return _send(subject, "measures/email/submitted.txt", context, coordinators())
    if record.to_status == Measure.Status.PUBLISHED:
        subject = _("Published: %(title)s") % {"title": measure.title}
        return _send(subject, "measures/email/published.txt", context, editors_of(measure.partner))
    if record.to_status == Measure.Status.CHANGES_REQUESTED:
        subject = _("Changes requested: %(title)s") % {"title": measure.title}
        return _send(
            subject, "measures/email/changes_requested.txt", context, editors_of(measure.partner)
        )
    return 0


def opinion_url(opinion):
    """The address of the expert opinion's admin page at SITE_URL."""
    return absolute_url(reverse("admin:measures_expertopinion_change", args=[opinion.pk]))


def opinion_moved(opinion):
    """Tell the people concerned that an expert opinion changed state.

    Submitted: the coordinators, who decide on it, and the measure's editors, who
    read it first and may reply. Published: the expert and the editors. Sent back
    for changes: the expert, with the coordinator's reason.
    """
    measure = opinion.measure
    Status = opinion.Status
    context = {"opinion": opinion, "measure": measure, "url": opinion_url(opinion)}
    title = {"title": measure.title}
    if opinion.status == Status.SUBMITTED:
        sent = _send(
            _("Expert opinion for review: %(title)s") % title,
            "measures/email/opinion_submitted.txt",
            context,
            coordinators(),
        )
        return sent + _send(
            _("An expert's opinion on your measure: %(title)s") % title,
            "measures/email/opinion_for_editors.txt",
            context,
            editors_of(measure.partner),
        )
    if opinion.status == Status.PUBLISHED:
        recipients = [*editors_of(measure.partner), *_with_address([opinion.expert])]
        return _send(
            _("Expert opinion published: %(title)s") % title,
            "measures/email/opinion_published.txt",
            {**context, "public_url": absolute_url(measure.get_absolute_url())},
            recipients,
        )
    if opinion.status == Status.CHANGES_REQUESTED:
        return _send(
            _("Changes requested to your opinion on %(title)s") % title,
            "measures/email/opinion_changes_requested.txt",
            context,
            _with_address([opinion.expert]),
        )
    return 0


def _with_address(users):
    return [user for user in users if user.is_active and user.email]


def revision_proposed(revision):
    measure = revision.measure
    subject = _("Changes to review: %(title)s") % {"title": measure.title}
    context = {"measure": measure, "revision": revision, "url": admin_url(measure)}
    return _send(subject, "measures/email/revision_proposed.txt", context, coordinators())


def revision_decided(revision):
    measure = revision.measure
    subject = _("Your changes to %(title)s: %(decision)s") % {
        "title": measure.title,
        "decision": revision.get_status_display(),
    }
    context = {"measure": measure, "revision": revision, "url": admin_url(measure)}
    return _send(
        subject, "measures/email/revision_decided.txt", context, editors_of(measure.partner)
    )


def verification_due(partner, measures, overdue_url):
    """Remind the partner's editors of their measures whose facts nobody confirmed for a year."""
    subject = ngettext(
        "Still current? %(count)d measure of %(partner)s to check",
        "Still current? %(count)d measures of %(partner)s to check",
        len(measures),
    ) % {
        "count": len(measures),
        "partner": partner.short_name or partner.name,
    }
    context = {
        "partner": partner,
        "measures": [(measure, admin_url(measure)) for measure in measures],
        "overdue_url": overdue_url,
    }
    return _send(subject, "measures/email/verification_due.txt", context, editors_of(partner))
