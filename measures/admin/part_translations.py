"""A measure's text in another language, with the names of its results and links in it.

Indicators and further links are inlines of the measure, and Django's admin does
not nest inlines, so their translations cannot be inlines of their own. They are
extra fields of the measure's translation instead: the German form of a measure
asks for the German title and sections and, below them, for the German name and
unit of each indicator and the German text of each link, so an editor translates
the whole public page in one place. The fields belong to the indicators and links
stored when the page was opened; a part added in the same save is translated
after it.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from measures.admin.forms import ParentScopedInlineFormSet
from measures.models import IndicatorTranslation, MeasureLinkTranslation
from partners.text import validate_single_line

# What each part translates: (prefix of its fields, translation model, foreign key,
# the part's related name on the measure, its translated fields with their label).
PARTS = (
    (
        "indicator",
        IndicatorTranslation,
        "indicator",
        "indicators",
        (
            ("name", _("Result “{name}”: what is counted"), 200),
            ("unit", _("Result “{name}”: unit"), 60),
        ),
    ),
    (
        "link",
        MeasureLinkTranslation,
        "link",
        "links",
        (("title", _("Link “{name}”: link text"), 200),),
    ),
)


def part_fields(measure):
    """(field name, part, model, foreign key, attribute, label, length) for `measure`."""
    if measure is None or measure.pk is None:
        return []
    fields = []
    for prefix, model, foreign_key, related_name, attributes in PARTS:
        for part in getattr(measure, related_name).all():
            for attribute, label, length in attributes:
                if attribute == "unit" and not part.unit:
                    continue
                fields.append(
                    (
                        f"{prefix}_{part.pk}_{attribute}",
                        part,
                        model,
                        foreign_key,
                        attribute,
                        format_lazy(label, name=str(part)),
                        length,
                    )
                )
    return fields


class MeasureTranslationForm(forms.ModelForm):
    """The measure's texts in one language, and its results' and links' texts in it."""

    def __init__(self, *args, measure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.part_fields = part_fields(measure)
        stored = self.stored_part_translations()
        for name, part, model, _key, attribute, label, length in self.part_fields:
            translation = stored.get((model, part.pk))
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=length,
                validators=[validate_single_line],
                initial=getattr(translation, attribute, ""),
                help_text=_("Left empty, visitors read the English text."),
            )

    def stored_part_translations(self):
        """The stored translations of the parts in this form's language, by (model, part id)."""
        if self.instance.pk is None or not self.part_fields:
            return {}
        stored = {}
        for _prefix, model, foreign_key, _related, _attributes in PARTS:
            parts = {part.pk for _n, part, m, *_rest in self.part_fields if m is model}
            rows = model.objects.filter(
                language=self.instance.language, **{f"{foreign_key}__in": parts}
            )
            stored.update({(model, getattr(row, f"{foreign_key}_id")): row for row in rows})
        return stored

    def clean(self):
        cleaned = super().clean()
        for name, part, _model, _key, attribute, _label, _length in self.part_fields:
            name_field = f"indicator_{part.pk}_name"
            if attribute == "unit" and cleaned.get(name) and not cleaned.get(name_field):
                self.add_error(
                    name_field,
                    _("Give what is counted in this language too, or leave the unit empty."),
                )
        return cleaned

    def save(self, commit=True):
        translation = super().save(commit=commit)
        if commit:
            self.save_part_translations(translation)
        return translation

    def save_part_translations(self, translation):
        """Store the parts' texts in the translation's language; all empty, no row."""
        texts = {}
        for name, part, model, foreign_key, attribute, _label, _length in self.part_fields:
            texts.setdefault((model, foreign_key, part), {})[attribute] = self.cleaned_data.get(
                name, ""
            ).strip()
        for (model, foreign_key, part), values in texts.items():
            lookup = {foreign_key: part, "language": translation.language}
            if not any(values.values()):
                model.objects.filter(**lookup).delete()
                continue
            model.objects.update_or_create(defaults=values, **lookup)
        # A language changed on the form leaves no translation of the parts behind.
        if "language" in self.changed_data and self.initial.get("language"):
            for _prefix, model, foreign_key, _related, _attributes in PARTS:
                model.objects.filter(
                    language=self.initial["language"],
                    **{f"{foreign_key}__measure": translation.measure},
                ).delete()


class MeasureTranslationFormSet(ParentScopedInlineFormSet):
    """Gives each translation form the measure, and removes a language's parts with it."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "measure": self.instance}

    def delete_existing(self, obj, commit=True):
        if commit:
            for _prefix, model, foreign_key, _related, _attributes in PARTS:
                model.objects.filter(
                    language=obj.language, **{f"{foreign_key}__measure": obj.measure}
                ).delete()
        super().delete_existing(obj, commit=commit)
