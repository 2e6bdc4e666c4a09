"""The pages of a region exploring a measure: the form, "check your inbox", confirm, withdraw.

The form carries a CSRF token, so it is its own page and never cached; the
measure's page only links to it. It is held like the contact relay: a
honeypot field and limits counted in the shared cache (`measures.visitors.spam`):
per connection (for any measure) and per e-mail address the confirmation mails
go to (across measures, for a day), so the form cannot be made to mail anyone
often. Nothing is counted per measure alone: a few connections could then close
a measure's form to everyone. Nothing is shown before the address is
confirmed and a coordinator approves (`measures.review.explorations`). The
confirmation and withdrawal links first show a button: mail scanners that open
every link must not confirm or withdraw anything.

An address sends one entry per measure (`explorations.submit`). Sent again, the
page after it says so plainly only to the browser that sent the first entry (the
session keeps a hash of each entry's key it sent); anyone else who types that
address sees the page every sending shows, which explains the rule, and the
address's owner reads in the mail how far the first entry is. So the form tells
nobody whether another organisation's address has sent an entry.
"""

from django.contrib import messages
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from measures.content_language import page_language
from measures.models import Exploration, Measure
from measures.review import exploration_retention, explorations
from measures.visitors.exploration_form import ExplorationForm
from measures.visitors.spam import client_address, count_sent, hashed, is_rate_limited

GET_OR_POST = ["GET", "HEAD", "POST"]
# Entries sent from one connection (client address) in an hour, for any measure.
LIMIT_PER_ADDRESS = 5
# Mails to one e-mail address in a day, for any measure.
LIMIT_PER_RECIPIENT = 3
RECIPIENT_WINDOW_SECONDS = 24 * 60 * 60
# The session's hashes of the keys of the entries this browser sent, the latest last.
SENT_KEY = "explorations_sent"
KEEP_SENT = 20
ALREADY_RECORDED = {
    Exploration.Status.UNCONFIRMED: _(
        "Your organisation's entry for this measure is already recorded, so no second one "
        "was made. Its address is not confirmed yet: we sent the link to confirm it again."
    ),
    Exploration.Status.WAITING: _(
        "Your organisation's entry for this measure is already recorded, so no second one "
        "was made. It is waiting for a coordinator's approval."
    ),
    Exploration.Status.PUBLISHED: _(
        "Your organisation's entry for this measure is already recorded and shown on the "
        "measure's page, so no second one was made."
    ),
    Exploration.Status.ADOPTED: _(
        "Your organisation's entry for this measure is already recorded and shown on the "
        "measure's page, so no second one was made."
    ),
}


def connection_keys(request):
    return [(f"explore:address:{hashed(client_address(request))}", LIMIT_PER_ADDRESS)]


def recipient_keys(email):
    address = email.strip().lower()
    return [(f"explore:recipient:{hashed(address)}", LIMIT_PER_RECIPIENT, RECIPIENT_WINDOW_SECONDS)]


def published_measure(slug):
    return get_object_or_404(Measure.objects.published().select_related("partner"), slug=slug)


def see_other(name, **kwargs):
    return HttpResponseRedirect(reverse(f"measures:{name}", kwargs=kwargs), status=303)


def sent_here(session, exploration):
    """Whether this browser sent `exploration` (its session remembers the hash of the key)."""
    return hashed(exploration.key) in session.get(SENT_KEY, [])


def remember_sent(session, exploration):
    session[SENT_KEY] = [*session.get(SENT_KEY, []), hashed(exploration.key)][-KEEP_SENT:]


@never_cache
@require_http_methods(GET_OR_POST)
def explore(request, slug):
    measure = published_measure(slug)
    status, problem = 200, None
    if request.method == "POST":
        form = ExplorationForm(request.POST)
        keys = connection_keys(request)
        if is_rate_limited(keys):
            status = 429
            problem = _(
                "Too many entries were sent from your connection in the last hour, so this one "
                "was not sent. Please try again in an hour."
            )
        elif form.is_valid() and is_rate_limited(recipient_keys(form.cleaned_data["email"])):
            status = 429
            problem = _(
                "We have sent this e-mail address as many mails as we send to one address in a "
                "day, so this entry was not sent. Please try again tomorrow."
            )
        elif form.is_valid():
            keys += recipient_keys(form.cleaned_data["email"])
            try:
                exploration, is_new = explorations.submit(
                    measure, form.cleaned_data, page_language()
                )
            except OSError:
                status = 503
                problem = _(
                    "The e-mail to confirm your entry could not be sent just now. "
                    "Please try again in a few minutes."
                )
            else:
                count_sent(keys)
                if is_new:
                    remember_sent(request.session, exploration)
                elif sent_here(request.session, exploration):
                    messages.info(request, ALREADY_RECORDED[exploration.status])
                return see_other("explore_sent", slug=measure.slug)
        else:
            problem = next(iter(form.non_field_errors()), None)
    else:
        form = ExplorationForm()
    context = {"measure": measure, "form": form, "problem": problem}
    return render(request, "measures/explore.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def explore_sent(request, slug):
    return render(request, "measures/explore_sent.html", {"measure": published_measure(slug)})


def link_problem(request, reason, status, measure=None):
    """A page for a link that cannot work: "expired", "forged", "withdrawn" or "gone"."""
    context = {
        "reason": reason,
        "measure": measure,
        "confirmation_days": exploration_retention.CONFIRMATION_DAYS,
    }
    return render(request, "measures/exploration_link_problem.html", context, status=status)


def expired(request, token):
    """The answer to an expired confirmation link, whose words are true when read.

    The entries whose latest link has expired unconfirmed are deleted now, as the
    nightly clean-up would; the page says so, and that sending the entry again
    from the measure's page makes a new one in its place.
    """
    exploration = (
        Exploration.objects.select_related("measure")
        .filter(key=explorations.key_of(token, max_age=None))
        .first()
    )
    measure = exploration.measure if exploration is not None else None
    if exploration is not None and exploration.status == Exploration.Status.WITHDRAWN:
        return link_problem(request, "withdrawn", 410, measure)
    if exploration is not None and exploration.status != Exploration.Status.UNCONFIRMED:
        # Confirmed in time: the link only leads to the entry, as before it expired.
        return see_other("exploration_withdraw", key=exploration.key)
    exploration_retention.delete_unconfirmed()
    if exploration is not None and Exploration.objects.filter(pk=exploration.pk).exists():
        # Sent again since: the newer link in the newer mail confirms it.
        return link_problem(request, "superseded", 410, measure)
    return link_problem(request, "expired", 410, measure)


@never_cache
@require_http_methods(GET_OR_POST)
def confirm(request, token):
    try:
        key = explorations.key_of(token)
    except signing.SignatureExpired:
        return expired(request, token)
    except signing.BadSignature:
        return link_problem(request, "forged", 400)
    exploration = Exploration.objects.select_related("measure", "region").filter(key=key).first()
    if exploration is None:
        return link_problem(request, "gone", 404)
    if exploration.status == Exploration.Status.WITHDRAWN:
        return link_problem(request, "withdrawn", 410, exploration.measure)
    if request.method == "POST":
        # Said only when this press confirmed it: a second press (or a tab left open)
        # finds the entry's state on the page it is sent to.
        if explorations.confirm(exploration):
            messages.success(
                request,
                _("Thank you: your address is confirmed. A coordinator reads the entry next."),
            )
        return see_other("exploration_withdraw", key=exploration.key)
    if exploration.status != Exploration.Status.UNCONFIRMED:
        return see_other("exploration_withdraw", key=exploration.key)
    return render(request, "measures/exploration_confirm.html", {"exploration": exploration})


@never_cache
@require_http_methods(GET_OR_POST)
def withdraw(request, key):
    exploration = Exploration.objects.select_related("measure", "region").filter(key=key).first()
    if exploration is None:
        return link_problem(request, "gone", 404)
    if request.method == "POST":
        explorations.withdraw(exploration.key)
        exploration.refresh_from_db()
    context = {"exploration": exploration}
    return render(request, "measures/exploration_withdraw.html", context)
