"""What a measure achieved and what it takes, in fields a visitor can filter and compare.

The prose of the good-practice template (`Measure.evidence`, `.resources`,
`.funding`) stays; beside it a measure has an evidence level, a budget band,
a staff effort, a duration, the kinds of its funding sources, and indicators
(baseline, target and achieved figures).

The funding sources are six yes-or-no fields on the measure rather than a table
of sources: the list is fixed by the Interreg template's categories, and flags
are filtered and counted on the measure's own row (no join, so the list page's
facet counts stay one query and the detail page spends no query on them), on
SQLite and PostgreSQL alike, and they pass through the measure's history and
the review of revisions like any other field.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from measures.content_language import localized


class EvidenceLevel(models.TextChoices):
    ANECDOTAL = "anecdotal", _("Anecdotal")
    MONITORED = "monitored", _("Monitored")
    EVALUATED = "evaluated", _("Evaluated")

    @property
    def description(self):
        """What the level means, for visitors."""
        return EVIDENCE_DESCRIPTIONS[self]


EVIDENCE_DESCRIPTIONS = {
    EvidenceLevel.ANECDOTAL: _(
        "Results are described by the people involved, with few or no figures."
    ),
    EvidenceLevel.MONITORED: _(
        "Results are counted and reported, such as users, visits or money paid out."
    ),
    EvidenceLevel.EVALUATED: _("An independent evaluation or study has assessed the results."),
}


class BudgetBand(models.TextChoices):
    UNDER_50K = "under-50k", _("Under €50,000")
    FROM_50K = "50k-250k", _("€50,000 to €250,000")
    FROM_250K = "250k-1m", _("€250,000 to €1 million")
    OVER_1M = "over-1m", _("Over €1 million")


class StaffEffort(models.TextChoices):
    PART_OF_ONE = "part-of-one-person", _("Part of one person's time")
    ONE_PERSON = "one-person", _("About one full-time person")
    SMALL_TEAM = "small-team", _("A small team (2 to 5 people)")
    LARGE_TEAM = "large-team", _("A larger team (more than 5 people)")


class FundingSource(models.TextChoices):
    ERDF = "erdf", _("ERDF")
    OTHER_EU = "other-eu", _("Other EU funding")
    NATIONAL = "national", _("National government")
    REGIONAL = "regional", _("Regional or local government")
    OWN_BUDGET = "own-budget", _("Own budget")
    PRIVATE = "private", _("Private money")


# The yes-or-no field of the measure for each funding source, in the order of the choices.
FUNDING_FIELDS = {
    FundingSource.ERDF: "funding_erdf",
    FundingSource.OTHER_EU: "funding_other_eu",
    FundingSource.NATIONAL: "funding_national",
    FundingSource.REGIONAL: "funding_regional",
    FundingSource.OWN_BUDGET: "funding_own_budget",
    FundingSource.PRIVATE: "funding_private",
}

FUNDING_HELP = {
    FundingSource.ERDF: _(
        "The European Regional Development Fund, e.g. through a regional or Interreg programme."
    ),
    FundingSource.OTHER_EU: _(
        "EU money other than the ERDF (ESF+, the recovery facility, WiFi4EU, Horizon …), "
        "or EU money whose programme the sources do not name."
    ),
    FundingSource.NATIONAL: _("A ministry or another national body."),
    FundingSource.REGIONAL: _(
        "The region, province or federal state, or municipalities that pay in."
    ),
    FundingSource.OWN_BUDGET: _("The regular budget of the organisation that runs the measure."),
    FundingSource.PRIVATE: _("Companies, investors, foundations or fees paid by users."),
}


def funding_flag(source):
    """The yes-or-no field of the measure for one funding source."""
    return models.BooleanField(source.label, default=False, help_text=FUNDING_HELP[source])


def funding_q(sources):
    """The condition "funded by any of `sources`" (codes), for filters and counts."""
    condition = Q(pk__in=[])
    for source in sources:
        condition |= Q(**{FUNDING_FIELDS[FundingSource(source)]: True})
    return condition


def figure(value):
    """A number as people read it in the active language: "5,300", "8.7", "30"."""
    if value is None:
        return ""
    value = Decimal(value)
    # 5300.00 → 5300 and 8.70 → 8.7; normalize() alone would write 5300 as 5.3E+3.
    whole = value == value.to_integral_value()
    value = value.quantize(Decimal(1)) if whole else value.normalize()
    return number_format(value, force_grouping=True)


class FigureQualifier(models.TextChoices):
    """How exactly the achieved figure is known, when not to the unit."""

    ABOUT = "about", _("about")
    MORE_THAN = "more-than", _("more than")


QUALIFIED_FIGURES = {
    FigureQualifier.ABOUT: _("about %(figure)s"),
    FigureQualifier.MORE_THAN: _("more than %(figure)s"),
}


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month only")
    YEAR = "year", _("year only")


class IndicatorManager(models.Manager):
    def get_by_natural_key(self, name, measure_slug):
        return self.get(name=name, measure__slug=measure_slug)


def figure_field(label, help_text):
    """One figure of an indicator: optional, up to 13 digits and two decimals."""
    return models.DecimalField(
        label, max_digits=15, decimal_places=2, null=True, blank=True, help_text=help_text
    )


class Indicator(models.Model):
    """One result of a measure in figures: what was counted, from where, towards what."""

    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("measure"),
    )
    name = models.CharField(
        _("indicator"),
        max_length=200,
        help_text=_("What is counted, e.g. “Virtual home visits a month”."),
    )
    unit = models.CharField(
        _("unit"),
        max_length=60,
        blank=True,
        help_text=_("Written after each figure, e.g. “visits”, “%” or “million euro”."),
    )
    baseline = figure_field(_("baseline"), _("The figure before the measure started, if known."))
    target = figure_field(_("target"), _("The figure the measure aims at, if it has one."))
    achieved = figure_field(
        _("achieved"),
        _("The figure reached, as last reported. Leave empty rather than estimate."),
    )
    achieved_qualifier = models.CharField(
        _("the achieved figure is"),
        max_length=10,
        choices=FigureQualifier,
        blank=True,
        help_text=_(
            "Say so when the figure reached is not exact: “about 5,300” or “more than "
            "30,000”. Empty: the figure as counted."
        ),
    )
    achieved_on = models.DateField(
        _("date of the achieved figure"),
        null=True,
        blank=True,
        help_text=_(
            "When the achieved figure was counted. If only the month or the year is known, "
            "give its first day and say so in the next field."
        ),
    )
    achieved_on_precision = models.CharField(
        _("the date is exact to the"),
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = IndicatorManager()

    class Meta:
        verbose_name = _("result indicator")
        verbose_name_plural = _("results in figures")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "name"], name="unique_measure_indicator"),
            models.CheckConstraint(
                condition=Q(baseline__isnull=False)
                | Q(target__isnull=False)
                | Q(achieved__isnull=False),
                name="indicator_has_a_figure",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name, *self.measure.natural_key())

    natural_key.dependencies = ["measures.measure"]

    def clean(self):
        if self.baseline is None and self.target is None and self.achieved is None:
            raise ValidationError(_("Give at least one figure: baseline, target or achieved."))
        if self.achieved_on is not None and self.achieved is None:
            raise ValidationError(
                {"achieved_on": _("A date belongs to an achieved figure; give the figure too.")}
            )

    @property
    def local_name(self):
        """What is counted, in the page's language where translated (a `LocalText`)."""
        return localized(self, "name")

    @property
    def local_unit(self):
        """The unit in the page's language where translated (a `LocalText`)."""
        return localized(self, "unit")

    def with_unit(self, value):
        """`value` as people read it, with the unit: "5,300 visits", "30%"; "" without value."""
        if value is None:
            return ""
        number = figure(value)
        unit = self.local_unit
        if not unit:
            return number
        if unit == "%":
            return f"{number}%"
        return f"{number} {unit}"

    @property
    def achieved_figure(self):
        """The achieved figure with its unit and, where not exact, "about" or "more than"."""
        figure_text = self.with_unit(self.achieved)
        if figure_text and self.achieved_qualifier in QUALIFIED_FIGURES:
            return QUALIFIED_FIGURES[self.achieved_qualifier] % {"figure": figure_text}
        return figure_text

    @property
    def figures(self):
        """Baseline, target and achieved figure, each with its unit ("" where not given)."""
        return [self.with_unit(self.baseline), self.with_unit(self.target), self.achieved_figure]

    @property
    def headline(self):
        """The most telling figure in a few words: achieved (with its date), else the target."""
        baseline, target, achieved = self.figures
        if achieved:
            when = self.achieved_when
            return f"{achieved} ({when})" if when else achieved
        if target:
            return _("target %(figure)s") % {"figure": target}
        return _("baseline %(figure)s") % {"figure": baseline}

    @property
    def achieved_when(self):
        """The date of the achieved figure as precise as it is known: "May 2021", "2025"."""
        if self.achieved_on is None:
            return ""
        if self.achieved_on_precision == DatePrecision.YEAR:
            return str(self.achieved_on.year)
        # The formats of the site's other dates: "24 February 2022", "May 2021".
        if self.achieved_on_precision == DatePrecision.MONTH:
            return date_format(self.achieved_on, "YEAR_MONTH_FORMAT")
        return date_format(self.achieved_on, "DATE_FORMAT")
