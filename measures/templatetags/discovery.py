"""How the catalogue's pages describe themselves to search engines, feeds and link previews.

`{% list_canonical_url filter page_obj %}` is the measure list's canonical address;
`{% measure_json_ld measure %}` is a measure's schema.org description, in a
<script type="application/ld+json"> element that no text of the measure can end:
like Django's json_script, "<", ">" and "&" are written as JSON escapes, so
"</script>" in a title stays inside the string. A ld+json block is data, not
script: browsers neither run it nor check it against the Content-Security-Policy.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from measures.content_language import localized
from measures.site_url import absolute_url

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def list_canonical_url(context, filterset, page_obj=None):
    """The list's address with only its valid filters, a sort other than the default,
    and the page number after the first."""
    request = context["request"]
    query = filterset.canonical_query(page=page_obj.number if page_obj else 1)
    return absolute_url(f"{request.path}?{query}" if query else request.path)


def json_ld_script(data):
    """`data` as a ld+json script element that its content cannot break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


def measure_structured_data(measure):
    """A measure as a schema.org CreativeWork, its links at SITE_URL."""
    region, partner = measure.region, measure.partner
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": localized(measure, "title"),
        "description": localized(measure, "summary"),
        "url": absolute_url(measure.get_absolute_url()),
        "inLanguage": get_language(),
        "about": [
            {
                "@type": "Thing",
                "name": localized(theme, "name"),
                "url": absolute_url(theme.get_absolute_url()),
            }
            for theme in measure.theme_list
        ],
        "spatialCoverage": {
            "@type": "Place",
            "name": localized(region, "name"),
            "url": absolute_url(region.get_absolute_url()),
            "address": {"@type": "PostalAddress", "addressCountry": region.country},
        },
        "creator": {
            "@type": "Organization",
            "name": partner.name,
            "url": absolute_url(partner.get_absolute_url()),
        },
        "isPartOf": {
            "@type": "WebSite",
            "name": "Next2Met",
            "url": absolute_url(reverse("home")),
        },
    }
    if measure.title_local:
        data["alternateName"] = measure.title_local
    if measure.published_at:
        data["datePublished"] = measure.published_at.isoformat()
        data["dateModified"] = measure.updated_at.isoformat()
    if measure.start_year:
        data["temporalCoverage"] = f"{measure.start_year}/{measure.end_year or '..'}"
    groups = [localized(group, "name") for group in measure.target_group_list]
    if groups:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in groups]
    if measure.website:
        data["sameAs"] = measure.website
    if measure.image:
        data["image"] = absolute_url(measure.image.url)
    return data


@register.simple_tag
def measure_json_ld(measure):
    """The measure's schema.org description, for the head of its page (needs `for_detail()`)."""
    return json_ld_script(measure_structured_data(measure))
