"""The visitor's comparison choice, kept in the session across pages and languages.

The comparison page itself (`measures.catalogue.compare`) shows the measures its
address names, so a comparison stays a link to share. What a visitor picks on the
way there, "Add to comparison" on a measure or "Compare" ticked on cards of several
result pages, is kept here: a list of at most `MAX_CHOSEN` slugs in the session.

- `choose()` (POST, no CSRF token, like the dossier's "add": the buttons sit on pages
  cached for everyone) adds the `m` measures to the choice (the newest win when there
  are too many), takes them out (`action=remove`) or makes them the whole choice
  (`replace`). One measure added from a page (`next`, same site only) sends the visitor
  back there; the cards' "Compare selected" goes on to the comparison page naming the
  whole choice; the list's script gets JSON.
- `chosen()` (GET, JSON) tells the list's script which boxes to tick.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from measures.models import Measure
from measures.visitors import guards

SESSION_KEY = "comparison"
# The comparison page shows three measures side by side (catalogue.compare.MAX_COMPARED).
MAX_CHOSEN = 3
SLUG_MAX_LENGTH = Measure._meta.get_field("slug").max_length
# More `m` values than this in one request are not even looked at.
MAX_VALUES = 20


def chosen_in(session):
    """The chosen slugs as stored; anything else under the session key is ignored."""
    value = session.get(SESSION_KEY, [])
    if not isinstance(value, list):
        return []
    return [slug for slug in value if isinstance(slug, str)][:MAX_CHOSEN]


def published_slugs(values):
    """The distinct slugs among `values` that name a published measure, in their order."""
    wanted = []
    for value in values[:MAX_VALUES]:
        slug = value.strip()
        if slug and len(slug) <= SLUG_MAX_LENGTH and slug not in wanted:
            wanted.append(slug)
    if not wanted:
        return []
    found = set(Measure.objects.published().filter(slug__in=wanted).values_list("slug", flat=True))
    return [slug for slug in wanted if slug in found]


def kept(earlier, added):
    """`earlier` then `added` without repeats, the newest MAX_CHOSEN of them."""
    combined = [slug for slug in earlier if slug not in added] + list(added)
    return combined[-MAX_CHOSEN:]


def comparison_url(slugs):
    url = reverse("measures:compare")
    return f"{url}?{urlencode([('m', slug) for slug in slugs])}" if slugs else url


def safe_next(request):
    """The same-site address the visitor came from, or None."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return None


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


# Exempt from CSRF for the reason given at measures.visitors.dossier.add: the button sits
# on pages cached for every visitor. The guards refuse large bodies and other sites' pages.
@csrf_exempt
@require_POST
def choose(request):
    refusal = guards.refusal(request)
    if refusal is not None:
        return refusal
    slugs = published_slugs(request.POST.getlist("m"))
    earlier = chosen_in(request.session)
    if request.POST.get("action") == "remove":
        now = [slug for slug in earlier if slug not in request.POST.getlist("m")]
    elif request.POST.get("replace"):
        now = kept([], slugs)
    else:
        now = kept(earlier, slugs)
    if now != earlier:
        request.session[SESSION_KEY] = now
    if wants_json(request):
        return JsonResponse({"chosen": now, "url": comparison_url(now)})
    back = safe_next(request)
    if back is not None and len(slugs) == 1:
        return HttpResponseRedirect(f"{back.split('#')[0]}#in-comparison-{slugs[0]}", status=303)
    return HttpResponseRedirect(comparison_url(now), status=303)


@never_cache
@require_safe
def chosen(request):
    slugs = chosen_in(request.session)
    return JsonResponse({"chosen": slugs, "url": comparison_url(slugs)})
