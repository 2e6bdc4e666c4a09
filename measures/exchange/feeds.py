"""Atom feeds: newly published measures for any filtered list; the change log.

/en/measures/feed/ takes the list page's query string, so a saved search is a
feed to subscribe to: the FEED_SIZE measures published last among those the list
shows for the same filters, newest first whatever sort the list had. Its links
start with SITE_URL: Django's feeds would take the request's host.

The change feeds (`MeasureChangesFeed`, `RecentChangesFeed`) hold the public
change log of measures.exchange.changes: what changed in published text, and when.
"""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from measures.catalogue.filters import MeasureFilter
from measures.content_language import localized
from measures.exchange import changes
from measures.models import Measure
from measures.site_url import absolute_url

FEED_SIZE = 50
# Characters XML 1.0 cannot hold (the C0 controls but tab, newline and carriage
# return): a search for one, or a title pasted with one, made the feed fail.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value):
    return NOT_IN_XML.sub("", str(value))


def with_query(path, query):
    return f"{path}?{query}" if query else path


def newest(filterset):
    """The FEED_SIZE measures of the filtered list published last, newest first."""
    return list(filterset.qs.order_by("-published_at", "-pk")[:FEED_SIZE])


class MeasureFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        filterset = MeasureFilter(request.GET, queryset=Measure.objects.published().for_listing())
        # The items are read here, kept on the filter set (one feed object serves
        # every request): words that find nothing are searched as the list page
        # searches them, corrected, and the feed is then the corrected words'.
        filterset.newest = newest(filterset)
        corrected = filterset.corrected(empty=not filterset.newest) if filterset.query else None
        if corrected is None:
            return filterset
        corrected.newest = newest(corrected)
        return corrected

    def title(self, filterset):
        chips = filterset.active_filters()
        if not chips:
            return _("Next2Met: new measures")
        filters = "; ".join(f"{chip['label']}: {chip['text']}" for chip in chips)
        return xml_text(_("Next2Met: new measures – %(filters)s") % {"filters": filters})

    def subtitle(self, filterset):
        subtitle = _("Soft digitalisation measures, newest first, as they are published.")
        if not filterset.corrected_from:
            return subtitle
        correction = _("Showing results for %(words)s; no measure has %(typed)s.") % {
            "words": filterset.query,
            "typed": filterset.corrected_from,
        }
        return xml_text(f"{correction} {subtitle}")

    def link(self, filterset):
        return absolute_url(
            with_query(reverse("measures:list"), filterset.canonical_query(with_sort=False))
        )

    def feed_url(self, filterset):
        return absolute_url(
            with_query(reverse("measures:feed"), filterset.canonical_query(with_sort=False))
        )

    def items(self, filterset):
        return filterset.newest

    def item_link(self, measure):
        return absolute_url(measure.get_absolute_url())

    def item_title(self, measure):
        return xml_text(localized(measure, "title"))

    def item_description(self, measure):
        # Atom's <summary type="html">: a reader renders it as HTML, and the summary is text.
        return escape(xml_text(localized(measure, "summary")))

    def item_pubdate(self, measure):
        return measure.published_at

    def item_updateddate(self, measure):
        return measure.updated_at

    def item_author_name(self, measure):
        return xml_text(measure.partner.name)

    def item_categories(self, measure):
        return [xml_text(localized(theme, "name")) for theme in measure.theme_list]


# The change log as feeds (measures.exchange.changes): one measure's, and the whole catalogue's.


def change_title(measure, change):
    title = xml_text(localized(measure, "title"))
    if change.first:
        return _("%(title)s: published") % {"title": title}
    sections = ", ".join(change.sections)
    return _("%(title)s: %(sections)s changed") % {"title": title, "sections": sections}


class ChangeFeedItems:
    """What both change feeds say of one change; items are (measure, change) pairs."""

    def item_title(self, item):
        return change_title(*item)

    def item_link(self, item):
        measure, _change = item
        return absolute_url(measure.get_absolute_url())

    def item_guid(self, item):
        measure, change = item
        return absolute_url(f"{measure.get_absolute_url()}#change-{change.key}")

    def item_description(self, item):
        measure, change = item
        if change.first:
            return escape(xml_text(localized(measure, "summary")))
        return escape(
            _("Changed sections: %(sections)s.") % {"sections": ", ".join(change.sections)}
        )

    def item_pubdate(self, item):
        return item[1].at

    def item_updateddate(self, item):
        return item[1].at

    def item_author_name(self, item):
        return xml_text(item[0].partner.name)


class MeasureChangesFeed(ChangeFeedItems, Feed):
    """/<lang>/measures/<slug>/changes/feed/: when the measure's published text changed."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Measure.objects.published().for_listing(), slug=slug)

    def title(self, measure):
        return _("Changes to %(title)s") % {"title": xml_text(localized(measure, "title"))}

    def subtitle(self, measure):
        return _("The dates on which the published measure changed, and which sections.")

    def link(self, measure):
        return absolute_url(measure.get_absolute_url())

    def feed_url(self, measure):
        return absolute_url(reverse("measures:measure_changes_feed", kwargs={"slug": measure.slug}))

    def items(self, measure):
        return [(measure, change) for change in changes.change_log(measure)]


class RecentChangesFeed(ChangeFeedItems, Feed):
    """/<lang>/measures/changes/feed/: the latest changes and publications across the catalogue."""

    feed_type = Atom1Feed

    def title(self):
        return _("Next2Met: recent changes")

    def subtitle(self):
        return _("Measures published or changed, newest first, with the sections that changed.")

    def link(self):
        return absolute_url(reverse("measures:list"))

    def feed_url(self):
        return absolute_url(reverse("measures:changes_feed"))

    def items(self):
        return changes.recent_changes(FEED_SIZE)
