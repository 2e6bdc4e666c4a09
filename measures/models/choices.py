"""The labels of a model's fixed choices, translated once per language instead of per call.

Django's `get_FOO_display()` builds a dictionary of the field's choices at every
call, and hashing translated labels translates each one: a region's country costs
some thirty translations for one label, and a list's twenty cards ask for four
labels each. The labels of fixed choices (a TextChoices class) are the same for
every row, so they are kept per field and language for the life of the process.
"""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

# (field, language) → {stored value: label in that language}
_labels = {}


def choice_labels(field):
    """{value: label} of `field`'s choices in the active language."""
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = {make_hashable(value): str(label) for value, label in field.flatchoices}
        _labels[key] = labels
    return labels


class ChoiceLabels:
    """A model mixin: `get_FOO_display()` from `choice_labels()` for fields of fixed choices.

    A field whose choices are computed on each use (a callable) keeps Django's own way.
    """

    def _get_FIELD_display(self, field):
        if not isinstance(field.choices, list):
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)
