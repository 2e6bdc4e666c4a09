"""Public pages of the partner organisations: the list, and each partner with its measures.

They live in the catalogue rather than in `partners`, which knows nothing of measures.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.views.generic import DetailView, ListView

from measures.content_language import prefetch_translations
from measures.models import Measure
from partners.models import Partner

PREVIEW_SIZE = 12


def with_measure_counts(partners):
    counts = (
        Measure.objects.published()
        .filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return partners.annotate(
        published_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0)
    )


class PartnerListView(ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"

    def get_queryset(self):
        return (
            with_measure_counts(Partner.objects.all())
            .prefetch_related(*prefetch_translations(Partner))
            .order_by("-is_active", "role", "name")
        )


class PartnerDetailView(DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return with_measure_counts(Partner.objects.all()).prefetch_related(
            *prefetch_translations(Partner)
        )

    def get_context_data(self, **kwargs):
        measures = self.object.measures.published().for_listing().latest()
        return super().get_context_data(
            measures=measures[:PREVIEW_SIZE], regions=self.object.regions.all(), **kwargs
        )
