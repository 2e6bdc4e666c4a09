"""Fit checks kept in the dossier: the visitor's answers to "Could this work in my region?".

The fit check's page offers to keep its answer with the measure in the dossier
(`measures.visitors.dossier.add`, field `fit`). What is kept is the answer's
query string, in the visitor's session beside the dossier's slugs, as the
address of the result page holds it: nothing about it reaches the database but
the session. The print view and the PDF show the result under the measure.
"""

from django.db.models import prefetch_related_objects
from django.urls import reverse

from measures.models import Measure
from measures.models.fit import QUERY_MAX_LENGTH, FitCheck
from measures.site_url import absolute_url

SESSION_KEY = "dossier_fit"


def kept(session):
    """Slug → query string of the kept fit checks; anything else in the key is ignored."""
    value = session.get(SESSION_KEY, {})
    if not isinstance(value, dict):
        return {}
    return {
        slug: query
        for slug, query in value.items()
        if isinstance(slug, str) and isinstance(query, str)
    }


def keep(session, slug, query):
    """Keep the fit check `query` with the published measure `slug`, in the canonical form
    of its result page's address; False if it is no fit check to keep: too long, of a
    measure with nothing to check, or answering nothing (all "don't know", or only
    answers that are not among the choices)."""
    if not isinstance(query, str) or not query or len(query) > QUERY_MAX_LENGTH:
        return False
    measure = Measure.objects.published().with_prerequisites().filter(slug=slug).first()
    if measure is None:
        return False
    check = FitCheck.from_query(measure, query)
    if not (check.can_compare and check.is_answered):
        return False
    session[SESSION_KEY] = {**kept(session), slug: check.query_string}
    return True


def forget(session, slugs=None):
    """Drop the fit checks of `slugs`, or all of them."""
    if slugs is None:
        session.pop(SESSION_KEY, None)
        return
    remaining = {slug: query for slug, query in kept(session).items() if slug not in slugs}
    session[SESSION_KEY] = remaining


def check_of(session, measure):
    """The kept fit check of a measure, or None."""
    query = kept(session).get(measure.slug)
    if query is None:
        return None
    return FitCheck.from_query(measure, query)


def fit_url(check):
    path = reverse("measures:fit_check", kwargs={"slug": check.measure.slug})
    return f"{path}?{check.query_string}"


def mark(session, measures):
    """Give each measure of the dossier page `fit_url`: its kept check's page, or ""."""
    fits = kept(session)
    for measure in measures:
        query = fits.get(measure.slug)
        path = reverse("measures:fit_check", kwargs={"slug": measure.slug})
        measure.fit_url = f"{path}?{query}" if query else ""


def fit_entry(check):
    """What the print view and the PDF show of a kept fit check."""
    return {
        "summary": check.summary(),
        "lines": check.lines(),
        "url": absolute_url(fit_url(check)),
    }


def attach(session, measures, entries):
    """Give each dossier entry its kept fit check (`entry["fit"]`, or None).

    The prerequisites of the measures with a kept check are read in one query.
    """
    fits = kept(session)
    prefetch_related_objects([m for m in measures if m.slug in fits], "prerequisites")
    for measure, entry in zip(measures, entries, strict=True):
        check = check_of(session, measure)
        entry["fit"] = fit_entry(check) if check is not None else None
    return entries
