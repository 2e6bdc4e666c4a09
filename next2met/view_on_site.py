"""The admin's "View on site" redirect, for the rows a person's admin shows them only.

Django's view behind /admin/r/<content type>/<id>/ sends any staff member on to
the public address of any row: an editor who counted up the ids learnt the
slugs of other partners' drafts. Here a row that the model's admin does not let
the person see (its `get_queryset` and view permission, that is
`measures.review.permissions` for a measure) is answered exactly as a row that
does not exist; coordinators and operators see what their admin shows them.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _


def view_on_site(request, content_type_id, object_id):
    if not _may_view(request, content_type_id, object_id):
        # Django's own words for a row that does not exist.
        raise Http404(
            _("Content type %(ct_id)s object %(obj_id)s doesn’t exist")
            % {"ct_id": content_type_id, "obj_id": object_id}
        )
    return shortcut(request, content_type_id, object_id)


def _may_view(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get(pk=content_type_id).model_class()
    except (ObjectDoesNotExist, ValueError):
        # Django's view answers an unknown content type itself.
        return True
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        return False
    try:
        obj = model_admin.get_queryset(request).filter(pk=object_id).first()
    except (ValueError, ValidationError):
        return False
    return obj is not None and model_admin.has_view_or_change_permission(request, obj)
