"""Autocomplete widgets of the admin that survive values a browser would never send.

To show a form again with its errors, Django's autocomplete widgets look up the
posted values in the database. A value the key field cannot hold (text where
an id is a number) made that lookup raise, and a tampered form got the 500
page instead of its error message. These widgets leave such values out of the
lookup; the form field has already reported them as an invalid choice.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class ValidKeysOnlyMixin:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._is_key(v)], attr)

    def _is_key(self, value):
        remote = self.field.remote_field
        opts = remote.model._meta
        target = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        try:
            target.to_python(value)
        except ValidationError:
            return False
        return True


class SafeAutocompleteSelect(ValidKeysOnlyMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidKeysOnlyMixin, AutocompleteSelectMultiple):
    pass


def use_safe_autocomplete(model_admin, db_field, request, kwargs):
    """Give `db_field` the widget above if `model_admin` lists it in its autocomplete_fields.

    Called by a ModelAdmin's formfield_for_foreignkey and formfield_for_manytomany
    before Django's own, which then keep the widget it finds in `kwargs`.
    """
    if "widget" in kwargs or db_field.name not in model_admin.get_autocomplete_fields(request):
        return
    widget = SafeAutocompleteSelectMultiple if db_field.many_to_many else SafeAutocompleteSelect
    kwargs["widget"] = widget(db_field, model_admin.admin_site, using=kwargs.get("using"))


class SafeAutocompleteAdminMixin:
    """A ModelAdmin whose `autocomplete_fields` use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        use_safe_autocomplete(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        use_safe_autocomplete(self, db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
