"""Texts of measures, regions, themes and target groups in languages other than English.

English stays the source: the existing fields of Measure, Region, Category and
TargetGroup hold the English text, and each translation is a row of its own
(`MeasureTranslation(measure, language, title, summary, description, the
good-practice sections, the note on the information)` and a
name table for each of the others), entered in an admin inline. A page shows
the visitor's language where a translation has the text and English where it
has not, marked with lang="en" (`measures.content_language`).

Why plain tables rather than django-modeltranslation or django-parler:
modeltranslation adds a column per language to the models themselves (and to
their history, search vector SQL, spreadsheet import and fixtures), and parler
moves the translated fields off the model into its own table, so `measure.title`
would no longer be the English source other code reads. Both reach into the
Measure model that other work changes at the same time; separate tables leave
Measure, its history, exports and the review workflow as they are, and cost one
prefetch per kind of object on a non-English page.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from measures.models.measure import GOOD_PRACTICE_FIELDS, SUMMARY_MAX_LENGTH, Measure, MeasureLink
from measures.models.results import Indicator
from measures.models.taxonomy import Category, Region, TargetGroup
from partners.text import validate_single_line


def translation_languages():
    """The interface languages other than the source language, as choices."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationManager(models.Manager):
    """Fixtures name a translation by its language and the slug of what it translates."""

    def get_by_natural_key(self, language, slug):
        return self.get(language=language, **{f"{self.model.PARENT}__slug": slug})


# The long texts of a measure translated besides its title, summary and description.
TRANSLATED_SECTIONS = (*GOOD_PRACTICE_FIELDS, "information_note")


def section_field(label):
    """A translated long text of a measure; empty, the English text is shown."""
    return models.TextField(
        label, blank=True, help_text=_("Left empty, visitors read the English text.")
    )


class Translation(models.Model):
    language = models.CharField(_("language"), max_length=10, choices=translation_languages)

    objects = TranslationManager()

    # The name of the foreign key to the translated object.
    PARENT = ""

    class Meta:
        abstract = True
        ordering = ["language"]

    def __str__(self):
        return f"{self.get_language_display()}: {self.name}"

    def natural_key(self):
        return (self.language, getattr(self, self.PARENT).slug)


class MeasureTranslation(Translation):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="translations", verbose_name=_("measure")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("The title in this language, as people there would say it."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_("One or two sentences. Left empty, visitors read the English summary."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Left empty, visitors read the English description."),
    )
    # The good-practice sections and the note on the information, as on the measure.
    problem = section_field(_("problem addressed"))
    resources = section_field(_("resources needed"))
    evidence = section_field(_("evidence of success"))
    difficulties = section_field(_("difficulties encountered"))
    transfer_potential = section_field(_("potential for learning or transfer"))
    information_note = section_field(_("about this information"))

    PARENT = "measure"

    class Meta(Translation.Meta):
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "language"], name="unique_measure_translation"
            ),
        ]

    @property
    def name(self):
        return self.title


class RegionTranslation(Translation):
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="translations", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Left empty, visitors read the English description."),
    )

    PARENT = "region"

    class Meta(Translation.Meta):
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "language"], name="unique_region_translation"
            ),
        ]


class CategoryTranslation(Translation):
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="translations", verbose_name=_("theme")
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Left empty, visitors read the English description."),
    )

    PARENT = "category"

    class Meta(Translation.Meta):
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"], name="unique_category_translation"
            ),
        ]


class TargetGroupTranslation(Translation):
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("target group"),
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])

    PARENT = "target_group"

    class Meta(Translation.Meta):
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["target_group", "language"], name="unique_target_group_translation"
            ),
        ]


class MeasurePartTranslationManager(models.Manager):
    """Fixtures name the translation of an indicator or a link by language and the part's key."""

    def get_by_natural_key(self, language, *part_key):
        parent = self.model._meta.get_field(self.model.PARENT).related_model
        return self.get(
            language=language, **{self.model.PARENT: parent.objects.get_by_natural_key(*part_key)}
        )


class MeasurePartTranslation(Translation):
    """The translation of a part of a measure (an indicator, a link), keyed by the part."""

    objects = MeasurePartTranslationManager()

    class Meta(Translation.Meta):
        abstract = True

    def natural_key(self):
        return (self.language, *getattr(self, self.PARENT).natural_key())


class IndicatorTranslation(MeasurePartTranslation):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("result indicator"),
    )
    name = models.CharField(_("indicator"), max_length=200, validators=[validate_single_line])
    unit = models.CharField(
        _("unit"),
        max_length=60,
        blank=True,
        help_text=_("Left empty, visitors read the English unit."),
    )

    PARENT = "indicator"

    class Meta(MeasurePartTranslation.Meta):
        verbose_name = _("translation of a result indicator")
        verbose_name_plural = _("translations of result indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "language"], name="unique_indicator_translation"
            ),
        ]


class MeasureLinkTranslation(MeasurePartTranslation):
    link = models.ForeignKey(
        MeasureLink,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("further link"),
    )
    title = models.CharField(_("link text"), max_length=200, validators=[validate_single_line])

    PARENT = "link"

    class Meta(MeasurePartTranslation.Meta):
        verbose_name = _("translation of a further link")
        verbose_name_plural = _("translations of further links")
        constraints = [
            models.UniqueConstraint(fields=["link", "language"], name="unique_link_translation"),
        ]

    @property
    def name(self):
        return self.title
