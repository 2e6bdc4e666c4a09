"""Spreadsheets in the measure admin: import for one's own partner, export what one may see.

The confirmation step is guarded against a file it cannot read. The preview
stores the uploaded file and the confirmation form names it, with its format,
in hidden fields. django-import-export reads them without a check: a file that
is gone (cleaned from the temporary folder, or stored on another app server), a
format that is not one of the admin's, or a tampered name made the confirmation
a 500. Here such a confirmation is answered with a message and the import page,
where the person uploads the file again.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.forms import ExportForm

from measures.admin.forms import MeasureConfirmImportForm, MeasureImportForm
from measures.admin.spreadsheets import MeasureResource, TextCellsXLSX

UNREADABLE = _("The uploaded file is no longer available or cannot be read. Upload it again.")


def readable_stored_import(model_admin, form):
    """Whether the file a valid confirmation form names can be read in the format it names."""
    formats = model_admin.get_import_formats()
    try:
        index = int(form.cleaned_data["format"])
    except (TypeError, ValueError):
        return False
    if not 0 <= index < len(formats):
        return False
    input_format = formats[index](encoding=model_admin.from_encoding)
    storage = model_admin.get_tmp_storage_class()(
        name=form.cleaned_data["import_file_name"],
        encoding=None if input_format.is_binary() else model_admin.from_encoding,
        read_mode=input_format.get_read_mode(),
        **model_admin.get_tmp_storage_class_kwargs(),
    )
    try:
        data = storage.read()
        if data is None:
            return False
        input_format.create_dataset(data)
    except Exception:
        # Any reader error, as django-import-export's own preview treats them.
        return False
    return True


def refuse_unreadable_import(model_admin, request):
    """The answer to a confirmation whose file cannot be read; None when it can be."""
    if request.method != "POST" or not model_admin.has_import_permission(request):
        return None
    form = model_admin.create_confirm_form(request)
    if not form.is_valid() or readable_stored_import(model_admin, form):
        # An invalid form is shown again by django-import-export itself.
        return None
    model_admin.message_user(request, UNREADABLE, messages.ERROR)
    opts = model_admin.model._meta
    return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))


class SpreadsheetsMixin(ImportExportMixin):
    """For MeasureAdmin: django-import-export with the measure's columns and scope."""

    resource_classes = [MeasureResource]
    import_form_class = MeasureImportForm
    confirm_form_class = MeasureConfirmImportForm
    # Every column, always: an export is meant to come back as an import.
    export_form_class = ExportForm
    formats = [CSV, TextCellsXLSX]

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_form_kwargs(self, request):
        return {**super().get_import_form_kwargs(request), "user": request.user}

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["partner"] = import_form.cleaned_data["partner"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        partner = form.cleaned_data["partner"] if form is not None and form.is_valid() else None
        return {"partner": partner, "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def process_import(self, request, **kwargs):
        refused = refuse_unreadable_import(self, request)
        return refused or super().process_import(request, **kwargs)
