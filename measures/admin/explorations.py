"""Regions exploring a measure, in the back office.

Coordinators approve or decline the entries that wait (bulk actions), correct an
entry's organisation, region, country and note when it was typed wrong (before
and after approval; the admin's history of the entry keeps each change), and
record an adoption by naming the adopting measure on an approved entry's page,
which makes the lineage link (`measures.review.explorations`). A partner's
editors read the entries for their measures.

The exploring organisation's address is shown to coordinators only: they decide
the entries, and forward to the organisation what the editors reply to their
mail (editors never see it, nor does any public page).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from measures.models import Exploration, Lineage, Measure
from measures.review import explorations, permissions

Status = Exploration.Status
# What a coordinator may correct in an entry, as the organisation should have typed it.
CORRECTABLE = ["organisation", "region", "region_name", "country", "note"]
# What the entry's life recorded: shown, never changed by hand.
RECORDED = ["status", "created_at", "confirmed_at", "decided_at", "decided_by", "lineage"]


def adopted_in_field(queryset):
    """The field that records an adoption, offering the measures of `queryset`."""
    return forms.ModelChoiceField(
        queryset=queryset,
        required=False,
        label=_("Adopted in"),
        help_text=_(
            "When the organisation has adopted the measure, choose its own measure in the "
            "catalogue: an “adapted from” link is recorded (a link that said “inspired by” "
            "says “adapted from” from now on) and this entry is kept as its history."
        ),
    )


class ExplorationAdminForm(forms.ModelForm):
    # Offered by ExplorationAdmin.get_form on an approved entry's form only, with its
    # own choices; every other form goes without it.
    adopted_in = adopted_in_field(Measure.objects.none())

    class Meta:
        model = Exploration
        fields = []
        help_texts = {
            "region": _(
                "Choose it when the organisation's region is one of the catalogue's: its name "
                "and country are then taken from it. Leave it empty for another region, and "
                "type its name and country below."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        if region is not None:
            # Counted with the adoptions of the same region, under the region's own name.
            cleaned["region_name"] = region.name
            cleaned["country"] = region.country
            for name in ("region_name", "country"):
                if name in self.errors:
                    del self.errors[name]
        return cleaned


@admin.register(Exploration)
class ExplorationAdmin(admin.ModelAdmin):
    form = ExplorationAdminForm
    list_display = ["organisation", "region_name", "country", "measure", "status", "created_at"]
    list_filter = ["status", "country", "region"]
    list_select_related = ["measure"]
    search_fields = ["organisation", "region_name", "measure__title"]
    actions = ["approve", "decline"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("measure", "region", "decided_by")
        return queryset.filter(measure__in=permissions.visible_measures(request.user).values("pk"))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return permissions.can_review_explorations(request.user) and super().has_delete_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can_review_explorations(request.user) and super().has_change_permission(
            request, obj
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "region" and field is not None:
            # The region is one of the catalogue's, chosen here, never added or changed here.
            field.widget.can_add_related = False
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field

    def _may_correct(self, request, obj):
        # A withdrawn entry is the organisation's decision: it stays as it was left.
        return (
            obj is not None
            and obj.status != Status.WITHDRAWN
            and self.has_change_permission(request, obj)
        )

    def _may_record_adoption(self, request, obj):
        return (
            obj is not None
            and obj.status == Status.PUBLISHED
            and self.has_change_permission(request, obj)
        )

    def get_fields(self, request, obj=None):
        fields = ["measure", *CORRECTABLE]
        if permissions.can_review_explorations(request.user):
            fields.append("email")
        fields += RECORDED
        if self._may_record_adoption(request, obj):
            fields.append("adopted_in")
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = ["measure", "email", *RECORDED]
        if not self._may_correct(request, obj):
            readonly += CORRECTABLE
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields.pop("adopted_in", None)
        if self._may_record_adoption(request, obj):
            # A public "adapted from" link: only a published measure can be the adoption.
            form.base_fields["adopted_in"] = adopted_in_field(
                permissions.origin_choices(request.user)
                .published()
                .exclude(pk=obj.measure_id)
                .order_by("title")
            )
        return form

    def save_model(self, request, obj, form, change):
        if set(form.changed_data) & set(CORRECTABLE):
            # Only what may be corrected: a step taken meanwhile (an approval) stays as it is.
            obj.save(update_fields=CORRECTABLE)
        adopted_in = form.cleaned_data.get("adopted_in")
        refusal = explorations.why_no_adoption(obj)
        if "adopted_in" not in form.fields and request.POST.get("adopted_in") and refusal:
            # Sent from a page shown before the entry changed (a second tab): say why not.
            messages.warning(request, refusal)
        if adopted_in is None:
            return
        try:
            adoption = explorations.record_adoption(obj, adopted_in, request.user)
        except (explorations.ExplorationError, ValidationError, PermissionDenied) as error:
            messages.error(request, str(getattr(error, "message", error)))
            return
        messages.success(request, adoption_message(adoption))
        if adoption.upgraded:
            # The link's earlier kind stays in the entry's history.
            self.log_change(request, obj, upgrade_note(adoption))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.can_review_explorations(request.user):
            return {}
        return actions

    @admin.action(description=_("Approve the selected entries (shown on the measure's page)"))
    def approve(self, request, queryset):
        self._decide(request, queryset, explorations.approve)

    @admin.action(description=_("Decline the selected entries"))
    def decline(self, request, queryset):
        self._decide(request, queryset, explorations.decline)

    def _decide(self, request, queryset, step):
        done = 0
        for exploration in queryset.filter(status=Exploration.Status.WAITING):
            step(exploration, request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d entry decided.", "%(n)d entries decided.", done) % {"n": done},
            messages.SUCCESS if done else messages.WARNING,
        )


def adoption_message(adoption):
    """What the coordinator reads once an adoption is recorded: which link carries it."""
    values = {"adopting": adoption.lineage.measure.title}
    if adoption.kind_before is None:
        return _("The adoption is recorded: “%(adopting)s” is now adapted from this measure.") % (
            values
        )
    if adoption.upgraded:
        return (
            _(
                "The adoption is recorded: the link of “%(adopting)s” to this measure said "
                "“inspired by” and says “adapted from” from now on. This entry's history "
                "keeps the change."
            )
            % values
        )
    return (
        _(
            "The adoption is recorded on the “adapted from” link that “%(adopting)s” already "
            "had to this measure, which it shares with the entries adopted before."
        )
        % values
    )


def upgrade_note(adoption):
    """The entry's history note of a link the adoption changed, in the site's language."""
    return gettext(
        "Recorded as adopted in “%(adopting)s”: its link to the measure said “%(before)s” "
        "and says “%(after)s” from now on."
    ) % {
        "adopting": adoption.lineage.measure.title,
        "before": Lineage.Kind(adoption.kind_before).label,
        "after": Lineage.Kind.ADAPTED.label,
    }
