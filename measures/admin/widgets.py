"""Autocomplete widgets and fields of the admin that survive values a browser would never send.

To show a form again with its errors, Django's autocomplete widgets look up the
posted values in the database. A value the key field cannot hold (text where
an id is a number, or a number larger than the database's integers) made that
lookup raise, and a tampered form got the 500 page instead of its error
message. These widgets leave such values out of the lookup; the form field has
already reported them as an invalid choice. Django's field for several choices
(the themes, the target groups) asks the database about every posted value at
once, so it too is given one that refuses a number too large first.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connections


def is_storable_key(field, value, using):
    """Whether `field` (a key) can hold `value`: of its type, and within the database's range.

    SQLite refuses to even compare a column with a number beyond 64 bits
    (OverflowError); Django checks the range for an equality, not for `IN`.
    """
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    ops = connections[using].ops
    internal_type = field.get_internal_type()
    if value is None or internal_type not in ops.integer_field_ranges:
        return True
    low, high = ops.integer_field_range(internal_type)
    return (low is None or value >= low) and (high is None or value <= high)


class ValidKeysOnlyMixin:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._is_key(v)], attr)

    def _is_key(self, value):
        remote = self.field.remote_field
        opts = remote.model._meta
        target = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        return is_storable_key(target, value, self.db or "default")


class StorableKeysMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several related rows, each posted key checked before the database is asked."""

    def _check_values(self, value):
        opts = self.queryset.model._meta
        key = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for item in value if isinstance(value, list | tuple) else []:
            if isinstance(item, str | int) and not is_storable_key(key, item, self.queryset.db):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


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
    if db_field.many_to_many:
        kwargs.setdefault("form_class", StorableKeysMultipleChoiceField)


class SafeAutocompleteAdminMixin:
    """A ModelAdmin whose `autocomplete_fields` use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        use_safe_autocomplete(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        use_safe_autocomplete(self, db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
