"""The form that subscribes to e-mail alerts of a filtered measure list."""

from django import template

from measures.visitors.alerts import searches
from measures.visitors.alerts.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("includes/alert_form.html")
def alert_form(filterset):
    """The alert form for the list filtered by `filterset`, the same for every visitor.

    It goes on pages cached for everyone, so it carries no CSRF token and nothing
    of the visitor (measures.visitors.alerts.views explains why that is safe). None
    when the list left out a filter it did not know: an alert without it would
    widen to more measures than asked for.
    """
    if filterset.invalid_fields and searches.left_out(filterset.data.urlencode()):
        return {"form": None}
    return {"form": SubscribeForm(initial={"query": filterset.canonical_query(with_sort=False)})}
