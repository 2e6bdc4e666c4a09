"""The measure page's open-data parts: its public change log, and the links that let other
sites and programs find its card (oEmbed) and its feed of changes.

`{% measure_changes measure as changes %}` is the change log by day, newest first, kept
per content version (measures.exchange.changes.page_log); `{% measure_alternates measure %}`
writes the <link rel="alternate"> elements of the page's head.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from measures.content_language import localized
from measures.exchange.changes import page_log
from measures.exchange.embed import oembed_url
from measures.site_url import absolute_url

register = template.Library()


@register.simple_tag
def measure_changes(measure):
    return page_log(measure)


@register.simple_tag
def measure_alternates(measure):
    if not measure.is_published:
        return ""
    title = localized(measure, "title")
    feed = absolute_url(reverse("measures:measure_changes_feed", kwargs={"slug": measure.slug}))
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">\n'
        '  <link rel="alternate" type="application/atom+xml" href="{}" title="{}">',
        oembed_url(measure),
        title,
        feed,
        _("Changes to %(title)s") % {"title": title},
    )
