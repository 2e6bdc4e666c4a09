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
from measures.visitors.alerts.forms import FrequencyForm, SubscribeForm

GET_OR_POST = ["GET", "HEAD", "POST"]


def see_other(name, **kwargs):
    """After a POST, the page to look at next (303: the browser asks for it with GET)."""
    return HttpResponseRedirect(reverse(f"measures:{name}", kwargs=kwargs), status=303)


def search_context(query):
    return {"search": searches.describe(query), "query": query}


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
    context = {"form": SubscribeForm(), "problem": problem, **search_context("")}
    return render(request, "measures/alerts/subscribe.html", context, status=status)


@csrf_exempt
@never_cache
@require_http_methods(GET_OR_POST)
def subscribe(request):
    status = 200
    problem = None
    if request.method == "POST":
        refused = refusal(request)
        if refused is not None:
            return refused
        form = SubscribeForm(request.POST)
        query = searches.canonical(form.data.get("query", ""))
        if form.is_valid():
            email = form.cleaned_data["email"]
            if subscriptions.is_limited(request, email):
                status = 429
                problem = _(
                    "Too many alerts were asked for from your connection or for this address "
                    "in the last hour, so no e-mail was sent. Please try again in an hour."
                )
            else:
                try:
                    subscriptions.subscribe(
                        email, query, form.cleaned_data["frequency"], page_language()
                    )
                except subscriptions.TooManySubscriptions:
                    form.add_error(
                        "email",
                        _(
                            "This address has %(max)d alerts already, the most one address "
                            "can have. Unsubscribe from one (every alert e-mail has the link) "
                            "to add another."
                        )
                        % {"max": subscriptions.MAX_PER_ADDRESS},
                    )
                except OSError:
                    status = 503
                    problem = _(
                        "The e-mail to confirm your alert could not be sent just now. "
                        "Please try again in a few minutes."
                    )
                else:
                    subscriptions.count(request, email)
                    return see_other("alert_subscribe_sent")
        if problem is None:
            problem = form.non_field_errors()[0] if form.non_field_errors() else None
    else:
        # The list's filters, as the region, theme and partner pages link here with them.
        query = searches.canonical(request.GET.urlencode())
        form = SubscribeForm(initial={"query": query})
    context = {"form": form, "problem": problem, **search_context(query)}
    return render(request, "measures/alerts/subscribe.html", context, status=status)


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
        return link_problem(request, "expired", 410)
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
