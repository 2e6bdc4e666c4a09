"""The confirmation step of the spreadsheet import, guarded against a file it cannot read.

The preview stores the uploaded file and the confirmation form names it, with
its format, in hidden fields. django-import-export reads them without a check:
a file that is gone (cleaned from the temporary folder, or stored on another
app server), a format that is not one of the admin's, or a tampered name made
the confirmation a 500. Here such a confirmation is answered with a message and
the import page, where the person uploads the file again.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
