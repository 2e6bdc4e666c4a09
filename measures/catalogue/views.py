"""Public pages of the catalogue: the measure list and detail, regions and themes."""

import contextlib

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from measures.catalogue import search_help, tiles
from measures.catalogue.filters import MeasureFilter, tidied
from measures.catalogue.list_heading import list_heading
from measures.catalogue.maps import region_map
from measures.catalogue.related import related_measures
from measures.catalogue.results import Results
from measures.catalogue.transfers import lineage_of
from measures.models import Category, Measure, Region
from measures.review import permissions
from measures.search.highlight import matched_fragment

PREVIEW_SIZE = 12


class MeasureListView(FilterView):
    filterset_class = MeasureFilter
    template_name = "measures/measure_list.html"
    context_object_name = "measures"
    paginate_by = settings.MEASURES_PER_PAGE
    # Apply the valid filters and report the invalid ones instead of showing nothing.
    strict = False

    def get(self, request, *args, **kwargs):
        # The page repeats its address in many links (pages, downloads, the feed, the
        # other languages): search words with control characters, or start years the
        # wrong way round, go to the address without them, which every link repeats.
        cleaned = tidied(request.GET)
        if cleaned != request.GET:
            return HttpResponsePermanentRedirect(f"{request.path}?{cleaned.urlencode()}")
        self.filterset = self.get_filterset(self.get_filterset_class())
        # Counted from bitmaps and read a page at a time by id (measures.catalogue.results):
        # the filtered queryset itself (filterset.qs) is never run.
        self.object_list = Results(self.filterset)
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_queryset(self):
        return Measure.objects.published().for_listing()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so an empty query string validates like any other.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_filterset(self, filterset_class):
        """The visitor's filters; their search words corrected if those find nothing."""
        filterset = super().get_filterset(filterset_class)
        self.corrected_from = None
        corrected = search_help.corrected(filterset)
        if corrected is None:
            return filterset
        self.corrected_from = filterset.query
        # Every link of the page (pages, sort, downloads, feed, alerts, filters) repeats
        # the words the results are for: the request's query string is the corrected one.
        self.request.GET = corrected.data
        return corrected

    def paginate_queryset(self, queryset, page_size):
        # get_page() turns a page number that is not a number into page 1 and one
        # past the end into the last page, so a stale or edited link still shows results;
        # a number below 1 (page=0, page=-3) is the first page, not the last.
        paginator = self.get_paginator(queryset, page_size)
        number = self.request.GET.get(self.page_kwarg)
        with contextlib.suppress(TypeError, ValueError):
            number = max(int(number), 1)
        page = paginator.get_page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        context["active_filters"] = filterset.active_filters()
        context["list_heading"] = list_heading(context["active_filters"])
        context["invalid_filters"] = filterset.invalid_fields
        context["page_numbers"] = context["paginator"].get_elided_page_range(
            context["page_obj"].number, on_each_side=1, on_ends=1
        )
        context["facets"] = filterset.facets()
        query = filterset.query
        context["query"] = query
        # The header's search box submits the filter form (templates/includes/site_header.html).
        context["search_form"] = "filter-form"
        context["sort"] = filterset.order
        if query:
            for measure in context["measures"]:
                measure.match = matched_fragment(measure, query)
        if self.corrected_from:
            context["suggestion"] = query
            context["corrected_from"] = self.corrected_from
            context["exact_query"] = search_help.exact_query(filterset, self.corrected_from)
        elif not context["paginator"].count and context["active_filters"]:
            words_find_nothing, widening = search_help.widening(filterset)
            context["words_find_nothing"] = words_find_nothing
            context["widening"] = widening
            if words_find_nothing:
                context["loose_search"] = search_help.loose_search(filterset)
        return context


class MeasureDetailView(DetailView):
    """A published measure; staff may also preview one in any state they may see."""

    template_name = "measures/measure_detail.html"
    context_object_name = "measure"
    is_preview = False

    def get_queryset(self):
        return (
            Measure.objects.published()
            .for_detail()
            .with_prerequisites()
            .with_explorations()
            .with_expert_opinions()
        )

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            measure = self.preview_object()
            if measure is None:
                raise
            self.is_preview = True
            return measure

    def preview_object(self):
        """The unpublished measure for a staff member allowed to see it, else None."""
        user = self.request.user
        # Asked before the query, so a visitor's "page not found" costs no extra query.
        if not permissions.is_fully_signed_in(user):
            return None
        measure = (
            Measure.objects.for_detail()
            .with_prerequisites()
            .with_explorations()
            .with_expert_opinions()
            .filter(slug=self.kwargs["slug"])
            .first()
        )
        if measure is None or not permissions.can_preview(user, measure):
            return None
        return measure

    def get_context_data(self, **kwargs):
        origins, adaptations = lineage_of(self.object)
        return super().get_context_data(
            is_preview=self.is_preview,
            related_measures=related_measures(self.object),
            origins=origins,
            adaptations=adaptations,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_preview:
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, private=True, no_store=True)
        return response


# The regions and themes with their published counts come from the cached taxonomy and
# the bitmaps (measures.catalogue.tiles): counted in SQL, they read every published measure.


class RegionListView(ListView):
    template_name = "measures/region_list.html"
    context_object_name = "regions"

    def get_queryset(self):
        return tiles.regions()


class RegionDetailView(DetailView):
    template_name = "measures/region_detail.html"
    context_object_name = "region"

    def get_queryset(self):
        return Region.objects.translated().select_related("partner")

    def get_object(self, queryset=None):
        return tiles.counted(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        measures = self.object.measures.published().for_listing().latest()
        regions = tiles.regions()
        return super().get_context_data(
            measures=measures[:PREVIEW_SIZE],
            regions=regions,
            region_map=region_map(regions, current=self.object),
            **kwargs,
        )


class ThemeListView(ListView):
    template_name = "measures/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        return tiles.themes()


class ThemeDetailView(DetailView):
    template_name = "measures/theme_detail.html"
    context_object_name = "theme"

    def get_queryset(self):
        return Category.objects.translated()

    def get_object(self, queryset=None):
        return tiles.counted(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        measures = self.object.measures.published().for_listing().latest()
        return super().get_context_data(measures=measures[:PREVIEW_SIZE], **kwargs)
