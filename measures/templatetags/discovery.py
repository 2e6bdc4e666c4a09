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
from django.conf import settings
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


NUTS = "http://data.europa.eu/nuts/code/"


def content_license():
    return settings.CONTENT_LICENSE["url"]


def organization(partner):
    return {
        "@type": "Organization",
        "name": localized(partner, "name"),
        "url": absolute_url(partner.get_absolute_url()),
    }


def place(region):
    """A region as a schema.org Place, named by its NUTS code too."""
    return {
        "@type": "Place",
        "name": localized(region, "name"),
        "url": absolute_url(region.get_absolute_url()),
        "address": {"@type": "PostalAddress", "addressCountry": region.country},
        "identifier": {"@type": "PropertyValue", "propertyID": "NUTS", "value": region.nuts_code},
        "sameAs": NUTS + region.nuts_code,
    }


def origin_work(link):
    """Where a measure came from: a published measure of the catalogue, or one outside it."""
    if link.origin_id:
        return {
            "@type": "CreativeWork",
            "name": localized(link.origin, "title"),
            "url": absolute_url(link.origin.get_absolute_url()),
        }
    work = {"@type": "CreativeWork", "name": link.origin_name}
    if link.origin_url:
        work["url"] = link.origin_url
    if link.origin_place:
        work["spatialCoverage"] = {"@type": "Place", "name": link.origin_place}
    return work


def measure_structured_data(measure, origins=()):
    """A measure as a schema.org CreativeWork, its links at SITE_URL.

    `origins` are the lineage links it came from (`Lineage.objects.of()`), as `isBasedOn`.
    """
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
        "spatialCoverage": place(region),
        "creator": organization(partner),
        "provider": organization(partner),
        "license": content_license(),
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
    based_on = [origin_work(link) for link in origins]
    if based_on:
        data["isBasedOn"] = based_on
    return data


@register.simple_tag(takes_context=True)
def measure_json_ld(context, measure):
    """The measure's schema.org description, for the head of its page (needs `for_detail()`;
    the page's `origins`, when it has them, become `isBasedOn`)."""
    return json_ld_script(measure_structured_data(measure, context.get("origins") or ()))


def item_list(name, url, items):
    """A page's list as a schema.org ItemList of links, in the page's order."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "url": url,
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": item_url, "name": item_name}
            for position, (item_name, item_url) in enumerate(items, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def measures_item_list_json_ld(context, name, measures):
    """The measures a page lists, as an ItemList at the page's canonical address."""
    request = context["request"]
    items = [
        (localized(measure, "title"), absolute_url(measure.get_absolute_url()))
        for measure in measures
    ]
    return json_ld_script(item_list(str(name), absolute_url(request.get_full_path()), items))


@register.simple_tag
def region_json_ld(region, measures=()):
    """A region's page: the Place, with the measures it shows."""
    data = {"@context": "https://schema.org", **place(region)}
    description = localized(region, "description")
    if description:
        data["description"] = description
    data["containedInPlace"] = {"@type": "Country", "name": region.get_country_display()}
    data["subjectOf"] = [
        {
            "@type": "CreativeWork",
            "name": localized(measure, "title"),
            "url": absolute_url(measure.get_absolute_url()),
        }
        for measure in measures
    ]
    return json_ld_script(data)


@register.simple_tag
def partner_json_ld(partner):
    """A partner's page: the Organization."""
    data = {"@context": "https://schema.org", **organization(partner)}
    if partner.website:
        data["sameAs"] = partner.website
    if partner.city:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": partner.city,
            "addressCountry": partner.country,
        }
    data["memberOf"] = {"@type": "Organization", "name": "Next2Met partnership"}
    return json_ld_script(data)
