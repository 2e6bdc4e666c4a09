"""Template helpers of the fit check ("Could this work in my region?")."""

from django import template

from measures.models.fit import FitCheck

register = template.Library()


@register.simple_tag
def fit_check_for(measure, check=None):
    """`check` when the page has one, else the measure's check with nothing answered yet."""
    # A page without a check passes the template engine's empty string for it.
    return check if isinstance(check, FitCheck) else FitCheck(measure)
