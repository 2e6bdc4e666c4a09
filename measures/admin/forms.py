"""Forms of the measure admin: the change form with its stale-save guard, review, import, URLs."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat
from django.utils.text import normalize_newlines
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from measures.models import Measure
from measures.review import permissions, workflow
from partners.models import Partner

# The name of the change form's "send to review" button.
SUBMIT_BUTTON = "_submit_for_review"

# An address typed without a scheme is taken as https://, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class MeasureAdminForm(forms.ModelForm):
    """The admin form of a measure.

    It carries the version the person loaded; if someone else saved the measure
    since, the save is refused instead of silently overwriting their work. When
    the person sends the measure to review, the fields a published measure needs
    become required, with the message beside each field.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput)

    # The changes an editor proposed to a published measure, which they see again
    # when they reopen it; MeasureAdmin.get_form sets them for that editor only.
    revision_initial = None

    class Meta:
        model = Measure
        # MeasureAdmin adds the fields of its fieldsets, with its formfield overrides.
        fields = []
        # Up to 300 characters: a box of a few lines shows them whole, a one-line input did not.
        widgets = {"summary": AdminTextareaWidget(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Left empty (no JavaScript to prefill it), Measure.save() makes it from the title.
            self.fields["slug"].required = False
        if self.instance.pk is None:
            del self.fields["loaded_version"]
        else:
            self.fields["loaded_version"].initial = self.instance.version
        if self.revision_initial and not self.is_bound:
            # An editor reopening a published measure sees the changes they proposed.
            self.initial.update(self.revision_initial)

    def clean(self):
        cleaned = super().clean()
        # Browsers send a textarea's line breaks as "\r\n"; stored texts keep "\n", so
        # that a save or a proposed revision differs only where the words differ.
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = normalize_newlines(value)
        if self.instance.pk:
            current = (
                Measure.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            loaded = cleaned.get("loaded_version")
            if loaded is not None and current is not None and loaded != current:
                raise forms.ValidationError(
                    _(
                        "Someone else saved this measure while you were editing it, so your "
                        "changes were not saved. Copy what you wrote, reload the page to see "
                        "their version, and make your changes again."
                    ),
                    code="stale",
                )
        if SUBMIT_BUTTON in self.data:
            values = {**cleaned}
            for name, message in workflow.missing_for_review(values).items():
                if name in self.fields:
                    self.add_error(name, message)
                else:
                    self.add_error(None, message)
        return cleaned


class ParentScopedInlineFormSet(BaseInlineFormSet):
    """An inline formset that checks its new rows against the rows already stored.

    Django leaves the parent out of the database check of a new inline row's
    unique constraints (a link's measure and address, a translation's object and
    language), so a second row with the same key reached the database and failed
    there. The rows of one form are still compared with each other by Django.
    """

    def clean(self):
        super().clean()
        for form in self.forms:
            if form.instance.pk is not None or not form.has_changed() or form.errors:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            try:
                form.instance.validate_constraints()
            except ValidationError as error:
                form.add_error(None, error)


# A review decision's comment, cleaned as a form field would: text that cannot be
# stored (NUL characters) is refused with a message instead of failing in the database.
_COMMENT = forms.CharField(required=False)


def posted_comment(request):
    """The comment posted with a review decision; raises ValidationError if it is not text."""
    return _COMMENT.clean(request.POST.get("comment", ""))


class ReasonForm(forms.Form):
    """The reason a coordinator gives when sending measures back to their editors."""

    reason = forms.CharField(
        label=_("What should change"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The editors receive this text by e-mail and see it on the measure."),
        max_length=4000,
    )


class PartnerChoiceMixin(forms.Form):
    """The partner whose measures a spreadsheet holds: one of the person's own."""

    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        help_text=_("New rows become drafts of this partner."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        own = Partner.objects.filter(permissions.partner_filter(user, "pk"))
        self.fields["partner"].queryset = own
        if own.count() == 1:
            self.fields["partner"].initial = own.first()


class MeasureImportForm(PartnerChoiceMixin, ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.N2M_IMPORT_MAX_BYTES
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(
                _(
                    "This file is %(size)s; the import accepts files up to %(limit)s. "
                    "Split the sheet into smaller files."
                )
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        return upload


class MeasureConfirmImportForm(PartnerChoiceMixin, ConfirmImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].widget = forms.HiddenInput()
