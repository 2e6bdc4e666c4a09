"""The contact relay: a visitor writes to the people behind a published measure.

The message goes by e-mail to the owning partner's editors (to the
coordinators when the partner has no editor), with the visitor's address as
Reply-To. The page never shows anybody's address.

The visitor gets a short receipt: which measure, and that the message went.
It holds nothing the sender typed, not even their name, so the form cannot be
used to send a text of one's choosing to an address of one's choosing.

Spam is kept out without any outside service:

- a honeypot field that people never see and bots fill in;
- a signed, single-use form token holding when the form was handed out: a
  message sent less than three seconds after the form was opened, or more than
  a day later, is refused, and so is a second message with the same token
  (a form sent twice, or replayed), which the cache remembers for a day;
- a limit per client address and per measure, counted in the cache.

The page carries a CSRF token, so it is its own page and never cached; the
measure's public page only links to it.
"""

import logging
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from measures.content_language import localized
from measures.models import Measure
from measures.review import permissions
from measures.site_url import absolute_url
from measures.visitors.spam import HoneypotForm, client_address, count_sent, hashed, is_rate_limited
from partners.text import one_line, validate_single_line

logger = logging.getLogger(__name__)

SALT = "measures.visitors.contact"
MIN_SECONDS = 3
MAX_SECONDS = 24 * 60 * 60
# Messages sent per hour: from one client address (to any measure), and to one measure.
LIMIT_PER_ADDRESS = 5
LIMIT_PER_MEASURE = 20
MESSAGE_MIN_LENGTH = 20
MESSAGE_MAX_LENGTH = 5000


def form_token(measure, issued_at=None):
    """The signed moment the form of `measure` was handed out, unique to this form."""
    issued_at = int(time.time() if issued_at is None else issued_at)
    # The nonce tells apart two forms handed out in the same second: each works once.
    nonce = secrets.token_urlsafe(12)
    return signing.dumps({"m": measure.pk, "t": issued_at, "n": nonce}, salt=SALT)


class ContactForm(HoneypotForm):
    name = forms.CharField(label=_("Your name"), max_length=100, validators=[validate_single_line])
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "The people behind the measure answer to this address. "
            "You get a short receipt, without your message."
        ),
    )
    organisation = forms.CharField(
        label=_("Your organisation (optional)"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    message = forms.CharField(
        label=_("Your message"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 5,000 characters."),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, measure, **kwargs):
        self.measure = measure
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = form_token(measure)

    def clean_started(self):
        token = self.cleaned_data["started"]
        try:
            payload = signing.loads(token, salt=SALT)
            issued_at = int(payload["t"])
            if payload["m"] != self.measure.pk:
                raise ValueError
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self.renew_token()
            raise forms.ValidationError(
                _("The form was damaged on its way. Please send your message again."),
                code="bad_token",
            ) from None
        age = time.time() - issued_at
        if age < MIN_SECONDS:
            raise forms.ValidationError(
                _(
                    "That was quicker than anyone writes a message, so it was not sent. "
                    "Wait a few seconds and send it again."
                ),
                code="too_fast",
            )
        if age > MAX_SECONDS:
            self.renew_token()
            raise forms.ValidationError(
                _(
                    "This form was opened more than a day ago, so it was not sent. "
                    "Please check your message and send it again."
                ),
                code="expired",
            )
        return token

    def renew_token(self):
        # Shown again with a fresh timestamp, so the next send can succeed.
        self.data = self.data.copy()
        self.data["started"] = form_token(self.measure)

    def refusal(self):
        """The error that keeps the form from being sent, for the top of the page."""
        errors = [*self.non_field_errors(), *self.errors.get("started", [])]
        return errors[0] if errors else None


# Rate limits


def rate_keys(request, measure):
    return [
        (f"contact:address:{hashed(client_address(request))}", LIMIT_PER_ADDRESS),
        (f"contact:measure:{measure.pk}", LIMIT_PER_MEASURE),
    ]


# One message per form


def token_key(token):
    # A hash: the key stays short whatever was posted.
    return f"contact:token:{hashed(token)}"


def claim_token(token):
    """Mark the form's token used; False if a message was sent with it already.

    cache.add() writes only where nothing is, so of two posts of one form (a
    double click, a replay) only one claims it. A token is refused a day after
    it was handed out anyway, so it is remembered for as long.
    """
    try:
        return cache.add(token_key(token), 1, MAX_SECONDS)
    except Exception:
        # Like the rate limits: a cache that cannot be reached costs protection, not the message.
        logger.exception("Contact token store unavailable")
        return True


def release_token(token):
    """The message could not be sent: the same form may be sent again."""
    try:
        cache.delete(token_key(token))
    except Exception:
        logger.exception("Contact token store unavailable")


# Sending


def recipients_of(measure):
    """(the e-mail addresses behind a measure, whether they are the coordinators').

    Its partner's editors; for a partner without any, the coordinators stand in.
    """
    emails = sorted({user.email for user in permissions.editors_of(measure.partner)})
    if emails:
        return emails, False
    return sorted({user.email for user in permissions.coordinators()}), True


def send(measure, data):
    """Relay the message and send the receipt; False when nobody can receive it or the
    mail server fails."""
    emails, to_coordinators = recipients_of(measure)
    if not emails:
        logger.error("Nobody receives messages about measure %s", measure.pk)
        return False
    # Each mail names the measure by its title in the mail's own language.
    about = {
        "measure": measure,
        "title": localized(measure, "title"),
        "public_url": absolute_url(measure.get_absolute_url()),
    }
    with translation.override(settings.LANGUAGE_CODE):
        # To the partner's staff in the catalogue's working language.
        title = localized(measure, "title")
        context = {**data, **about, "title": title, "to_coordinators": to_coordinators}
        # One line, whatever the title holds: a header with a line break is refused.
        subject = one_line(
            gettext("Message about “%(title)s” from %(name)s")
            % {"title": title, "name": data["name"]}
        )
        body = render_to_string("measures/email/contact.txt", context)
    relayed = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email], reply_to=[data["email"]])
        for email in emails
    ]
    # Nothing the visitor typed: only the measure and the fact that the message went.
    receipt = EmailMessage(
        one_line(gettext("Your message about “%(title)s”") % {"title": about["title"]}),
        render_to_string("measures/email/contact_receipt.txt", about),
        settings.DEFAULT_FROM_EMAIL,
        [data["email"]],
    )
    try:
        get_connection().send_messages([*relayed, receipt])
    except OSError:
        logger.exception("Could not relay a message about measure %s", measure.pk)
        return False
    return True


def published_measure(slug):
    return get_object_or_404(Measure.objects.published().select_related("partner"), slug=slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, slug):
    measure = published_measure(slug)
    keys = rate_keys(request, measure)
    status = 200
    problem = None
    if request.method == "POST":
        form = ContactForm(request.POST, measure=measure)
        if is_rate_limited(keys):
            status = 429
            problem = _(
                "Too many messages were sent from your connection or about this measure in "
                "the last hour, so this one was not sent. Please try again in an hour."
            )
        elif form.is_valid():
            token = form.cleaned_data["started"]
            if not claim_token(token):
                status = 409
                problem = _(
                    "This message was sent already: the form reached us twice, and the "
                    "second time nothing was sent. To write another message, change the "
                    "text below and send it again."
                )
                form.renew_token()
            elif send(measure, form.cleaned_data):
                count_sent(keys)
                return redirect("measures:contact_sent", slug=measure.slug)
            else:
                release_token(token)
                status = 503
                problem = _(
                    "Your message could not be sent just now. Nothing was lost: it is still "
                    "below. Please try again in a few minutes."
                )
        else:
            problem = form.refusal()
    else:
        form = ContactForm(measure=measure)
    context = {"measure": measure, "form": form, "problem": problem}
    return render(request, "measures/measure_contact.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def contact_sent(request, slug):
    measure = published_measure(slug)
    return render(request, "measures/measure_contact_sent.html", {"measure": measure})
