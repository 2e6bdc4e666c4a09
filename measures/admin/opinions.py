"""Expert opinions in the back office.

An expert writes an opinion on a published measure and submits it; a
coordinator publishes it or sends it back with a comment; the measure's
editors read it once submitted and may reply once. Every question of "may
this person…" is asked of `measures.review.permissions`; the moves and the
reply are made by `measures.review.opinions`.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from measures.models import CRITERIA, ExpertOpinion, Measure
from measures.review import opinions, permissions

Status = ExpertOpinion.Status

WRITTEN_BY_THE_EXPERT = [
    "expert_name",
    "affiliation",
    "text",
    *[field for name, reason, _label in CRITERIA for field in (name, reason)],
]
DECIDED_IN_THE_WORKFLOW = [
    "status",
    "review_comment",
    "submitted_at",
    "published_at",
    "reply",
    "replied_at",
]


class ExpertOpinionForm(forms.ModelForm):
    move_to = forms.ChoiceField(
        label=_("Next step"),
        required=False,
        help_text=_("Leave empty to keep the opinion in its state."),
    )
    comment = forms.CharField(
        label=_("What should change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you ask for changes: the expert reads it."),
    )
    # Set by ExpertOpinionAdmin.get_form for the person and the opinion.
    move_choices = ()
    expert = None

    class Meta:
        model = ExpertOpinion
        fields = []
        # A sentence of reasons is read whole while it is written: two lines, not one field.
        widgets = {
            reason: forms.Textarea(attrs={"rows": 2, "cols": 80}) for _name, reason, _l in CRITERIA
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "move_to" in self.fields:
            self.fields["move_to"].choices = [("", "—"), *self.move_choices]
        if "reply" in self.fields:
            # Only the editors who may reply see it as a field, and replying is all they do
            # here: a reply of spaces only is refused, not taken for a saved one.
            self.fields["reply"].required = True
            self.fields["reply"].error_messages["required"] = _(
                "Write your reply before you save. It is shown beside the opinion and cannot "
                "be changed afterwards."
            )
        if "measure" in self.fields:
            self.fields["measure"].queryset = permissions.opinion_measures(
                self.expert, Measure.objects.order_by("title")
            )

    def clean(self):
        cleaned = super().clean()
        measure = cleaned.get("measure")
        if (
            measure is not None
            and self.expert is not None
            and ExpertOpinion.objects.filter(measure=measure, expert=self.expert)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("measure", _("You have already written an opinion on this measure."))
        if (
            cleaned.get("move_to") == Status.CHANGES_REQUESTED
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error(
                "comment", _("Say what should change: the expert will read your reason.")
            )
        return cleaned


@admin.register(ExpertOpinion)
class ExpertOpinionAdmin(admin.ModelAdmin):
    form = ExpertOpinionForm
    list_display = ["expert_name", "measure", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["measure"]
    search_fields = ["expert_name", "affiliation", "measure__title"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("measure", "expert")
        return permissions.visible_opinions(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or permissions.can_view_opinion(request.user, obj))

    def has_add_permission(self, request):
        return permissions.can_write_opinion(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        user = request.user
        return (
            permissions.can_edit_opinion(user, obj)
            or permissions.can_reply_to_opinion(user, obj)
            or bool(permissions.opinion_moves(user, obj))
        )

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or permissions.can_delete_opinion(request.user, obj)

    def _moves(self, request, obj):
        if obj is None:
            return [Status.SUBMITTED] if permissions.can_write_opinion(request.user) else []
        return permissions.opinion_moves(request.user, obj)

    def get_fields(self, request, obj=None):
        fields = ["measure", *WRITTEN_BY_THE_EXPERT, *DECIDED_IN_THE_WORKFLOW]
        if obj is None:
            fields = ["measure", *WRITTEN_BY_THE_EXPERT]
        if self._moves(request, obj) and self.has_change_permission(request, obj):
            fields.append("move_to")
            if permissions.can_review(request.user):
                fields.append("comment")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        user = request.user
        if permissions.can_edit_opinion(user, obj):
            return ["measure", *DECIDED_IN_THE_WORKFLOW]
        readonly = ["measure", *WRITTEN_BY_THE_EXPERT, *DECIDED_IN_THE_WORKFLOW]
        if permissions.can_reply_to_opinion(user, obj):
            readonly.remove("reply")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        moves = [(status.value, status.label) for status in self._moves(request, obj)]
        expert = request.user if obj is None else obj.expert
        return type(form.__name__, (form,), {"move_choices": moves, "expert": expert})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A form sent from a page that is out of date (a second tab, a step taken since)
        # is answered with the reason on the opinion's page, not with a bare refusal.
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if (
                obj is not None
                and self.has_view_permission(request, obj)
                and not self.has_change_permission(request, obj)
            ):
                self.message_user(request, self._not_saved(request, obj), messages.WARNING)
                return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _not_saved(self, request, obj):
        """Why a form sent for `obj` changed nothing, and what it carried that was not kept."""
        reply = request.POST.get("reply", "").strip()
        if reply and obj.reply:
            return _(
                "The editors already replied to this opinion, so your reply was not saved. "
                "Your text was: “%(reply)s”"
            ) % {"reply": reply}
        if permissions.is_own_opinion(request.user, obj):
            if permissions.is_member_of_partner(request.user, obj.measure):
                return _(
                    "You are a member of %(partner)s, which owns this measure: an expert's "
                    "opinion is independent, so yours on it cannot be changed or submitted, "
                    "and nothing was saved."
                ) % {"partner": obj.measure.partner.short_name or obj.measure.partner.name}
            if obj.status == Status.SUBMITTED:
                return _(
                    "This opinion was already submitted, so your changes were not saved. A "
                    "coordinator reads it now; should they ask for changes, you can edit it again."
                )
            if obj.status == Status.PUBLISHED:
                return _("This opinion is already published, so your changes were not saved.")
        return _("You can no longer change this opinion, so nothing was saved.")

    def save_model(self, request, obj, form, change):
        user = request.user
        if not change:
            obj.expert = user
            obj.status = Status.DRAFT
            obj.save()
        elif permissions.can_edit_opinion(user, obj):
            obj.save()
        try:
            if "reply" in form.changed_data:
                opinions.reply(obj, user, form.cleaned_data["reply"])
            move_to = form.cleaned_data.get("move_to")
            if move_to:
                opinions.move(obj, move_to, user, form.cleaned_data.get("comment", ""))
        except (opinions.OpinionError, PermissionDenied) as error:
            messages.error(request, str(error))
