"""What base.html tells search engines and link previews about a page: its canonical
address and its picture (og:image)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from measures.catalogue import share_cards
from measures.content_language import localized
from measures.site_url import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address at SITE_URL without its query string; "" where there is no request."""
    request = context.get("request")
    return absolute_url(request.path) if request else ""


@register.inclusion_tag("includes/og_image.html")
def og_image(measure=None):
    """The link preview's picture: the card of `measure`, or the site's own card."""
    if measure is not None:
        path = reverse("og_image_measure", args=[measure.slug])
        alt = _("“%(title)s”, a measure from %(region)s, in the Next2Met catalogue") % {
            "title": localized(measure, "title"),
            "region": localized(measure.region, "name"),
        }
    else:
        path = reverse("og_image")
        alt = _("Next2Met: catalogue of soft digitalisation measures")
    return {
        "url": absolute_url(path),
        "alt": alt,
        "width": share_cards.WIDTH,
        "height": share_cards.HEIGHT,
    }
