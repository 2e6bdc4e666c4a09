"""The pages of the alerts: subscribe, "check your inbox", confirm, manage, unsubscribe.

The small form beside the list's feed link sits on a page cached for every
visitor, which cannot carry a CSRF token; `subscribe` takes its POST without one.
That is safe here: the view acts on no session or account, so a forged request
can do no more than anyone can do with the form, and what it does (one
confirmation mail) is held by the limits of `subscriptions`; a POST that
another site's page sent is refused all the same (`measures.visitors.guards`),
so such a page cannot spread its requests over its visitors' connections to
slip past the limit per connection. The one-click
unsubscribe takes a POST without a token too, as RFC 8058 asks. The other forms
carry tokens. No page of an alert is cached or indexed.
"""

from django.contrib import messages
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from measures.content_language import page_language
from measures.models import AlertSubscription
from measures.visitors import guards
from measures.visitors.alerts import links, searches, subscriptions
from measures.visitors.alerts.forms import (
    LEFT_OUT,
    FrequencyForm,
    SubscribeForm,
    left_out_names,
)

GET_OR_POST = ["GET", "HEAD", "POST"]


def see_other(name, **kwargs):
    """After a POST, the page to look at next (303: the browser asks for it with GET)."""
    return HttpResponseRedirect(reverse(f"measures:{name}", kwargs=kwargs), status=303)


def search_context(query):
    return {"search": searches.describe(query), "query": query}


RATE_LIMITED = _(
    "Too many alerts were asked for from your connection or for this address in the last "
    "hour, so no e-mail was sent. Please try again in an hour."
)
NOT_SENT = _(
    "The e-mail to confirm your alert could not be sent just now. "
    "Please try again in a few minutes."
)
TOO_MANY = _(
    "This address has %(max)d alerts already, the most one address can have. "
    "Unsubscribe from one (every alert e-mail has the link) to add another."
)


def subscribe_page(request, form, query, problem=None, status=200, refused=False):
    context = {"form": form, "problem": problem, "refused": refused, **search_context(query)}
    return render(request, "measures/alerts/subscribe.html", context, status=status)


def refusal(request):
    """The answer to a subscription posted from another site, or too large; else None."""
    if guards.announced_length(request) > guards.MAX_BODY_BYTES:
        status, problem = 413, _("The request was too large for an e-mail address and a search.")
    elif not guards.from_own_pages(request):
        status, problem = (
            403,
            _(
                "Alerts can only be asked for from this site's own pages. "
                "Please use the form below."
            ),
        )
    else:
        return None
    return subscribe_page(request, SubscribeForm(), "", problem, status)


@csrf_exempt
@never_cache
@require_http_methods(GET_OR_POST)
def subscribe(request):
    if request.method != "POST":
        # The list's filters, as the region, theme and partner pages link here with them.
        left_out = searches.left_out(request.GET.urlencode())
        if left_out:
            problem = LEFT_OUT % left_out_names(left_out)
            return subscribe_page(request, SubscribeForm(), "", problem, 400, refused=True)
        query = searches.canonical(request.GET.urlencode())
        return subscribe_page(request, SubscribeForm(initial={"query": query}), query)
    refused = refusal(request)
    if refused is not None:
        return refused
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        query = form.cleaned_data.get("query") or searches.canonical(form.data.get("query", ""))
        # Errors the visitor has no field for: the honeypot's, a search too long.
        hidden = [*form.non_field_errors(), *form.errors.get("query", [])]
        refused = form.has_error("query", "left_out")
        return subscribe_page(request, form, query, hidden[0] if hidden else None, refused=refused)
    email, query = form.cleaned_data["email"], form.cleaned_data["query"]
    if subscriptions.is_limited(request, email):
        return subscribe_page(request, form, query, RATE_LIMITED, 429)
    try:
        subscriptions.subscribe(email, query, form.cleaned_data["frequency"], page_language())
    except subscriptions.TooManySubscriptions:
        form.add_error("email", TOO_MANY % {"max": subscriptions.MAX_PER_ADDRESS})
        return subscribe_page(request, form, query)
    except OSError:
        return subscribe_page(request, form, query, NOT_SENT, 503)
    subscriptions.count(request, email)
    return see_other("alert_subscribe_sent")


@never_cache
@require_http_methods(["GET", "HEAD"])
def subscribe_sent(request):
    return render(
        request,
        "measures/alerts/subscribe_sent.html",
        {"days": links.CONFIRMATION_MAX_AGE.days},
    )


def link_problem(request, reason, status):
    """A page for a link that cannot work: "forged", "expired" or "gone"."""
    return render(request, "measures/alerts/link_problem.html", {"reason": reason}, status=status)


@never_cache
@require_http_methods(GET_OR_POST)
def confirm(request, token):
    # A GET only shows a button: mail scanners that open every link must not confirm.
    try:
        key = links.key_of(token)
    except signing.SignatureExpired:
        return expired(request, token)
    except signing.BadSignature:
        return link_problem(request, "forged", 400)
    subscription = AlertSubscription.objects.filter(key=key).first()
    if subscription is None:
        # Deleted unconfirmed, or unsubscribed since.
        return link_problem(request, "expired", 410)
    if request.method == "POST" or subscription.is_confirmed:
        if not subscription.is_confirmed:
            subscriptions.confirm(subscription)
            messages.success(
                request,
                _("Your alert is confirmed. You get an e-mail when new measures match."),
            )
        return see_other("alert_manage", key=subscription.key)
    context = {"subscription": subscription, **search_context(subscription.query)}
    return render(request, "measures/alerts/confirm.html", context)


def expired(request, token):
    """The answer to an expired confirmation link, whose words are true when read.

    The unconfirmed subscriptions whose latest link has expired are deleted now,
    not only at the next clean-up. One still there was asked for again since (a
    newer link went out), or is confirmed already.
    """
    subscriptions.delete_unconfirmed()
    subscription = AlertSubscription.objects.filter(key=links.expired_key_of(token)).first()
    if subscription is None:
        return link_problem(request, "expired", 410)
    if subscription.is_confirmed:
        return see_other("alert_manage", key=subscription.key)
    return link_problem(request, "superseded", 410)


@never_cache
@require_http_methods(GET_OR_POST)
def manage(request, key):
    subscription = AlertSubscription.objects.confirmed().filter(key=key).first()
    if subscription is None:
        return link_problem(request, "gone", 404)
    if request.method == "POST":
        form = FrequencyForm(request.POST, instance=subscription)
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved: how often you get this alert."))
            return see_other("alert_manage", key=subscription.key)
    else:
        form = FrequencyForm(instance=subscription)
    context = {
        "subscription": subscription,
        "form": form,
        "list_url": links.list_url(subscription),
        **search_context(subscription.query),
    }
    return render(request, "measures/alerts/manage.html", context)


@csrf_exempt
@never_cache
@require_http_methods(GET_OR_POST)
def unsubscribe(request, key):
    if request.method == "POST":
        # Whether or not it still existed: the answer is the same, and final.
        subscriptions.unsubscribe(key)
        return render(request, "measures/alerts/unsubscribed.html")
    subscription = AlertSubscription.objects.filter(key=key).first()
    if subscription is None:
        return link_problem(request, "gone", 404)
    context = {"subscription": subscription, **search_context(subscription.query)}
    return render(request, "measures/alerts/unsubscribe.html", context)
