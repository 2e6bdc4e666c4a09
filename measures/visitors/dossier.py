"""The dossier: published measures a visitor collects, to print or take away as a PDF.

The basket is a list of slugs in the visitor's session; nobody needs an
account. Only published measures are ever shown: one unpublished after it was
added drops out of the dossier without a word. At most MAX_MEASURES fit.

The list and detail pages are cached whole for anonymous visitors, so they
carry nothing of the visitor: their "Add to dossier" button is a plain form
without a CSRF token, posting to `add()`, which sends the visitor on to the
dossier page (never cached) where the outcome is shown. Removing and emptying
happen on that page, with CSRF tokens like any other form.

Both the print view and the PDF follow the Interreg Europe good-practice
template, from the same `entries()`; its sections come in the order of
`GOOD_PRACTICE_FIELDS`, as on the measure's page, in the comparison and the API.
"""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from measures.content_language import LocalText, localized
from measures.models import GOOD_PRACTICE_FIELDS, Measure
from measures.models.documentation import NOT_DOCUMENTED, DocumentationLevel
from measures.models.results import EvidenceLevel
from measures.site_url import absolute_url
from measures.visitors import dossier_fit, guards

SESSION_KEY = "dossier"
BACK_KEY = "dossier_back"
MAX_MEASURES = 30
SLUG_MAX_LENGTH = Measure._meta.get_field("slug").max_length


def slugs_in(session):
    """The slugs in the basket, as stored; anything else in the session key is ignored."""
    value = session.get(SESSION_KEY, [])
    if not isinstance(value, list):
        return []
    return [slug for slug in value if isinstance(slug, str)][:MAX_MEASURES]


def measures_in(slugs, detailed=True):
    """The published measures of `slugs`, in basket order, in one query per relation.

    `detailed`: with their links, results, published expert opinions and their texts in the
    page's language, which the print view and the PDF show; the dossier page shows cards,
    which need none.
    """
    if not slugs:
        return []
    published = Measure.objects.published()
    shaped = published.for_detail().with_expert_opinions() if detailed else published.for_listing()
    found = {measure.slug: measure for measure in shaped.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def current_measures(request, detailed=True):
    """The dossier's published measures; slugs of measures no longer published are dropped."""
    slugs = slugs_in(request.session)
    measures = measures_in(slugs, detailed)
    if len(measures) != len(slugs):
        request.session[SESSION_KEY] = [measure.slug for measure in measures]
    return measures


def see_dossier():
    return HttpResponseRedirect(reverse("measures:dossier"), status=303)


# Changing the basket


# Exempt from CSRF on purpose: the button sits on pages cached for every visitor,
# which cannot carry a per-visitor token. Adding a published measure to one's own
# basket is harmless, and a forged cross-site POST could not even reach the
# visitor's basket: the session cookie is SameSite=Lax, so browsers leave it off
# such a request. It would still start a new session, so a POST from another
# site's page is refused, as is a large body, before either is read (guards).
@csrf_exempt
@require_POST
def add(request):
    """Adds one measure (a page's button) or several (the comparison's "Add these").

    One measure sends the visitor back to the page they were on (`next`, same site
    only), where #in-dossier-<slug> shows what happened; several, or a refusal, go to
    the dossier page, which says what was done and links back.
    """
    refusal = guards.refusal(request)
    if refusal is not None:
        return refusal
    wanted = [slug.strip() for slug in request.POST.getlist("slug")[:MAX_MEASURES]]
    wanted = [slug for slug in dict.fromkeys(wanted) if slug and len(slug) <= SLUG_MAX_LENGTH]
    found = {
        measure.slug: measure
        for measure in Measure.objects.published().filter(slug__in=wanted).only("slug", "title")
    }
    slugs = slugs_in(request.session)
    added = []
    refused = False
    if not found:
        messages.error(request, _("No published measure has this address, so nothing was added."))
        refused = True
    for measure in (found[slug] for slug in wanted if slug in found):
        title = localized(measure, "title")
        if measure.slug in slugs:
            messages.info(request, _("“%(title)s” was already in your dossier.") % {"title": title})
        elif len(slugs) >= MAX_MEASURES:
            messages.error(
                request,
                _(
                    "Your dossier is full: it holds at most %(max)d measures. Remove one to add "
                    "“%(title)s”."
                )
                % {"max": MAX_MEASURES, "title": title},
            )
            refused = True
        else:
            slugs = [*slugs, measure.slug]
            added.append(measure)
            messages.success(request, _("“%(title)s” is now in your dossier.") % {"title": title})
    if added:
        request.session[SESSION_KEY] = slugs
    # A fit check's answer comes with its one measure (measures.visitors.dossier_fit).
    if len(found) == 1 and next(iter(found)) in slugs:
        dossier_fit.keep(request.session, next(iter(found)), request.POST.get("fit"))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return see_dossier()
    request.session[BACK_KEY] = back
    if len(wanted) == 1 and not refused:
        # The page shows the outcome itself; the messages are for the dossier page only.
        list(messages.get_messages(request))
        return HttpResponseRedirect(f"{back.split('#')[0]}#in-dossier-{wanted[0]}", status=303)
    return see_dossier()


@require_POST
def remove(request):
    slug = request.POST.get("slug", "")
    slugs = slugs_in(request.session)
    if slug in slugs:
        request.session[SESSION_KEY] = [kept for kept in slugs if kept != slug]
        dossier_fit.forget(request.session, {slug})
        messages.success(request, _("The measure was removed from your dossier."))
    return see_dossier()


@require_POST
def empty(request):
    request.session.pop(SESSION_KEY, None)
    dossier_fit.forget(request.session)
    messages.success(request, _("Your dossier is empty now."))
    return see_dossier()


# Reading it


@never_cache
@require_safe
def dossier(request):
    measures = current_measures(request, detailed=False)
    dossier_fit.mark(request.session, measures)
    context = {
        "measures": measures,
        "max_measures": MAX_MEASURES,
        "is_full": len(measures) >= MAX_MEASURES,
        "back_url": request.session.get(BACK_KEY, ""),
    }
    return render(request, "measures/dossier.html", context)


@never_cache
@require_safe
def print_view(request):
    measures = current_measures(request)
    rows = dossier_fit.attach(request.session, measures, entries(measures))
    context = {"entries": rows, "today": timezone.localdate()}
    return render(request, "measures/dossier_print.html", context)


@never_cache
@require_safe
def pdf(request):
    # Imported here: reportlab is only needed by this one view.
    from measures.visitors.dossier_pdf import render_pdf

    measures = current_measures(request)
    if not measures:
        messages.info(request, _("Your dossier is empty: add measures before downloading it."))
        return see_dossier()
    today = timezone.localdate()
    rows = dossier_fit.attach(request.session, measures, entries(measures))
    response = HttpResponse(render_pdf(rows, today), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="next2met-dossier-{today}.pdf"'
    return response


# The good-practice template


def structured_facts(measure):
    """(label, text) of the measure's structured results and resources, where it has them."""
    facts = []
    if measure.evidence_level:
        level = EvidenceLevel(measure.evidence_level)
        facts.append((_("Evidence level"), f"{level.label}: {level.description}"))
    else:
        facts.append((_("Evidence level"), NOT_DOCUMENTED))
    if measure.documentation_level:
        level = DocumentationLevel(measure.documentation_level)
        facts.append((_("Documentation"), f"{level.label}: {level.description}"))
    facts.append((_("Budget"), measure.get_budget_band_display() or NOT_DOCUMENTED))
    if measure.staff_effort:
        facts.append((_("Staff effort"), measure.get_staff_effort_display()))
    if measure.duration_months:
        months = measure.duration_months
        facts.append(
            (_("Duration"), ngettext("%(n)d month", "%(n)d months", months) % {"n": months})
        )
    sources = measure.funding_sources
    facts.append(
        (
            _("Funding sources"),
            ", ".join(str(source.label) for source in sources) or NOT_DOCUMENTED,
        )
    )
    return facts


def indicator_rows(measure):
    """The results in figures: name, baseline, target, achieved (with its date)."""
    rows = []
    for indicator in measure.indicators.all():
        baseline, target, achieved = indicator.figures
        when = indicator.achieved_when
        rows.append(
            {
                "name": indicator.local_name,
                "baseline": baseline,
                "target": target,
                "achieved": f"{achieved} ({when})" if achieved and when else achieved,
            }
        )
    return rows


def opinion_rows(measure):
    """The published expert opinions: who, where from, when, the text, the four ratings
    with their reasons and the editors' reply (`MeasureQuerySet.with_expert_opinions`)."""
    return [
        {
            "name": opinion.expert_name,
            "affiliation": opinion.affiliation,
            "date": date_format(opinion.published_at, "DATE_FORMAT")
            if opinion.published_at
            else "",
            "text": opinion.text,
            "ratings": [
                (capfirst(label), _("%(score)d of 5") % {"score": score}, reason)
                for label, score, reason in opinion.ratings()
            ],
            "reply": opinion.reply,
        }
        for opinion in measure.published_opinions
    ]


def entries(measures):
    """Per measure, what the good-practice template shows, for the print view and the PDF."""
    return [entry(measure) for measure in measures]


def practice_text(measure, name):
    """A good-practice section's text in the page's language where translated, else English.

    The funding details go with the resources needed.
    """
    text = localized(measure, name)
    if name == "resources" and measure.funding:
        funding = _("Funding: %(source)s") % {"source": measure.funding}
        text = LocalText(f"{text.strip()}\n\n{funding}" if text.strip() else funding, text.lang)
    return text


def entry(measure):
    region = measure.region
    region_name = localized(region, "name")
    partner_name = localized(measure.partner, "name")
    location = [_("NUTS %(code)s") % {"code": region.nuts_code}]
    if region.metropolis_list:
        location.append(_("next to %(cities)s") % {"cities": ", ".join(region.metropolis_list)})
    facts = [
        (_("Region, country"), f"{region_name}, {region.get_country_display()}"),
        (_("Main institution"), measure.main_institution or partner_name),
        (_("Location"), " · ".join(str(part) for part in location)),
        (_("Partner"), partner_name),
        (
            _("Timescale"),
            str(measure.years) if measure.start_year or measure.end_year else NOT_DOCUMENTED,
        ),
        (
            _("Status"),
            measure.get_implementation_display().capitalize()
            if measure.implementation
            else NOT_DOCUMENTED,
        ),
        (
            _("Themes"),
            ", ".join(str(localized(theme, "name")) for theme in measure.theme_list),
        ),
    ]
    groups = [str(localized(group, "name")) for group in measure.target_group_list]
    if groups:
        facts.append((_("Target groups"), ", ".join(groups)))
    if measure.last_verified:
        facts.append((_("Last verified"), date_format(measure.last_verified, "DATE_FORMAT")))
    else:
        facts.append((_("Last verified"), _("Not yet verified by its partner")))
    note = localized(measure, "information_note")
    if note:
        facts.append((_("About this information"), note))
    facts += structured_facts(measure)

    sections = [(_("Detailed description"), localized(measure, "description"))]
    sections += [
        (
            capfirst(Measure._meta.get_field(name).verbose_name),
            practice_text(measure, name),
        )
        for name in GOOD_PRACTICE_FIELDS
    ]
    links = [(localized(link, "title"), link.url) for link in measure.links.all()]
    if measure.website:
        links.insert(0, (_("Website"), measure.website))
    return {
        "measure": measure,
        "title": localized(measure, "title"),
        "title_local": measure.title_local,
        "summary": localized(measure, "summary"),
        "facts": facts,
        "sections": [(label, LocalText(text.strip(), text.lang)) for label, text in sections],
        "indicators": indicator_rows(measure),
        "opinions": opinion_rows(measure),
        "links": links,
        "url": absolute_url(measure.get_absolute_url()),
        "contact_url": absolute_url(reverse("measures:contact", kwargs={"slug": measure.slug})),
    }
