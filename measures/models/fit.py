"""The fit check: could a measure work in the visitor's region?

The visitor answers one question per prerequisite (have it, partly, no, don't
know) and says which budget and staff they have. The answers live only in the
address of the result page (a GET form, so the result is a link to share) and,
if the visitor keeps it, in their dossier's session: nothing is stored on the
server. `FitCheck.from_query()` reads any query string without complaint: an
answer it cannot read counts as "don't know".

The result says what fits, what would be needed and what is unknown, and names
other published measures on the same themes that need fewer prerequisites and,
where the visitor gave them, no more budget or staff than they have
(`fewer_prerequisites()`, one query). A measure with no prerequisites, budget or
staff recorded has nothing to check (`FitCheck.can_compare`): its page offers no
fit check.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from measures.models.measure import Measure
from measures.models.prerequisites import prerequisite_count
from measures.models.results import BudgetBand, StaffEffort

# At most this many other measures are named, the closest first.
ALTERNATIVES = 3
# A query string longer than this is no fit check of ours; it is read as empty.
QUERY_MAX_LENGTH = 2000


class Answer(models.TextChoices):
    HAVE = "yes", _("We have it")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")


def answer_name(prerequisite):
    """The name of a prerequisite's question in the form and the address.

    Made from the condition, unique within its measure, never from the row's id:
    an approved revision writes a measure's prerequisites anew and a restored
    backup numbers them anew, and a kept or shared answer must still name the
    same questions (a changed condition is a new question, answered "don't know").
    """
    digest = hashlib.blake2s(prerequisite.condition.encode(), digest_size=4).hexdigest()
    return f"p{digest}"


@dataclass
class Comparison:
    """The visitor's budget or staff beside the measure's: "fits", "short" or "unknown"."""

    verdict: str
    theirs: str = ""
    ours: str = ""

    @property
    def fits(self):
        return self.verdict == "fits"

    @property
    def short(self):
        return self.verdict == "short"

    @property
    def verdict_sentence(self):
        if self.fits:
            return _("That is enough.")
        if self.short:
            return _("That is less than it takes.")
        return _("The two cannot be compared.")


def compare(choices, measure_value, visitor_value):
    """How the visitor's band of `choices` stands against the measure's, in their order."""
    order = list(choices.values)
    labels = dict(choices.choices)
    if measure_value not in order or visitor_value not in order:
        return Comparison("unknown", labels.get(visitor_value, ""), labels.get(measure_value, ""))
    enough = order.index(visitor_value) >= order.index(measure_value)
    return Comparison("fits" if enough else "short", labels[visitor_value], labels[measure_value])


@dataclass
class FitCheck:
    """A measure's prerequisites with the visitor's answers, and what follows from them."""

    measure: Measure
    answers: dict = field(default_factory=dict)
    budget: str = ""
    staff: str = ""

    @classmethod
    def from_query(cls, measure, query):
        """The check of `measure` that a query string (or QueryDict) describes."""
        if isinstance(query, str):
            query = QueryDict(query if len(query) <= QUERY_MAX_LENGTH else "")
        answers = {}
        for prerequisite in measure.prerequisites.all():
            value = query.get(answer_name(prerequisite), "")
            answers[prerequisite.pk] = value if value in Answer.values else Answer.UNKNOWN
        budget = query.get("budget", "")
        staff = query.get("staff", "")
        return cls(
            measure,
            answers,
            budget if budget in BudgetBand.values else "",
            staff if staff in StaffEffort.values else "",
        )

    @property
    def query_string(self):
        """The answers as the canonical query string of the result page."""
        query = QueryDict(mutable=True)
        for prerequisite in self.measure.prerequisites.all():
            query[answer_name(prerequisite)] = self.answers.get(prerequisite.pk, Answer.UNKNOWN)
        if self.budget:
            query["budget"] = self.budget
        if self.staff:
            query["staff"] = self.staff
        return query.urlencode()

    def _with(self, answer):
        return [
            prerequisite
            for prerequisite in self.measure.prerequisites.all()
            if self.answers.get(prerequisite.pk, Answer.UNKNOWN) == answer
        ]

    answer_choices = Answer.choices
    budget_choices = BudgetBand.choices
    staff_choices = StaffEffort.choices

    @property
    def questions(self):
        """(prerequisite, its question's name, the visitor's answer) in the measure's order."""
        return [
            (
                prerequisite,
                answer_name(prerequisite),
                self.answers.get(prerequisite.pk, Answer.UNKNOWN),
            )
            for prerequisite in self.measure.prerequisites.all()
        ]

    @property
    def in_place(self):
        return self._with(Answer.HAVE)

    @property
    def partly(self):
        return self._with(Answer.PARTLY)

    @property
    def missing(self):
        return self._with(Answer.NO)

    @property
    def unknown(self):
        return self._with(Answer.UNKNOWN)

    @property
    def total(self):
        return len(self.measure.prerequisites.all())

    @property
    def budget_comparison(self):
        return compare(BudgetBand, self.measure.budget_band, self.budget)

    @property
    def staff_comparison(self):
        return compare(StaffEffort, self.measure.staff_effort, self.staff)

    @property
    def band_rows(self):
        """(label, Comparison) of the budget and the staff."""
        return [(_("Budget"), self.budget_comparison), (_("Staff"), self.staff_comparison)]

    @property
    def can_compare(self):
        """Has the measure anything to check: a prerequisite, its budget or its staff?"""
        return bool(
            self.total
            or self.measure.budget_band in BudgetBand.values
            or self.measure.staff_effort in StaffEffort.values
        )

    @property
    def is_answered(self):
        """Did the visitor answer anything at all?"""
        return bool(
            self.budget or self.staff or any(a != Answer.UNKNOWN for a in self.answers.values())
        )

    @property
    def all_in_place(self):
        """Every prerequisite in place, and budget and staff enough where both are known."""
        return (
            self.total > 0
            and len(self.in_place) == self.total
            and not self.budget_comparison.short
            and not self.staff_comparison.short
        )

    def summary(self):
        """The result in a few short sentences, for the page, the dossier and its PDF.

        A number that is zero is left out, and so is a budget or staff that fits or
        cannot be compared; one that falls short is said, as the lines below it say.
        """
        if not self.total:
            sentences = [
                _(
                    "Its partner has not yet recorded what this measure needs, so only the "
                    "budget and the staff can be compared."
                )
            ]
        elif self.all_in_place:
            sentences = [_("Everything this measure needs seems to be in place in your region.")]
        else:
            sentences = self._prerequisite_sentences()
        if self.budget_comparison.short:
            sentences.append(_("It takes more budget than you have."))
        if self.staff_comparison.short:
            sentences.append(_("It takes more staff than you have."))
        return " ".join(str(sentence) for sentence in sentences)

    def _prerequisite_sentences(self):
        # Each number decides the form of its own sentence, in every language.
        counts = [
            (
                self.total,
                ngettext(
                    "This measure has %(n)d prerequisite.",
                    "This measure has %(n)d prerequisites.",
                    self.total,
                ),
            ),
            (
                len(self.in_place),
                ngettext("%(n)d is in place.", "%(n)d are in place.", len(self.in_place)),
            ),
            (
                len(self.partly) + len(self.missing),
                ngettext(
                    "%(n)d would still be needed.",
                    "%(n)d would still be needed.",
                    len(self.partly) + len(self.missing),
                ),
            ),
            (
                len(self.unknown),
                ngettext("%(n)d is not known yet.", "%(n)d are not known yet.", len(self.unknown)),
            ),
        ]
        return [sentence % {"n": n} for n, sentence in counts if n]

    def lines(self):
        """(heading, [texts]) of the result, for the dossier's print view and PDF."""
        sections = [
            (_("In place"), [p.condition for p in self.in_place]),
            (
                _("Would be needed"),
                [
                    *(
                        _("%(condition)s (partly there)") % {"condition": p.condition}
                        for p in self.partly
                    ),
                    *(p.condition for p in self.missing),
                ],
            ),
            (_("Not known yet"), [p.condition for p in self.unknown]),
        ]
        money = [
            _("%(label)s – this measure needs: %(ours)s; you have: %(theirs)s. %(verdict)s")
            % {
                "label": label,
                "ours": comparison.ours or _("not recorded"),
                "theirs": comparison.theirs or _("not given"),
                "verdict": comparison.verdict_sentence,
            }
            for label, comparison in self.band_rows
            if comparison.ours or comparison.theirs
        ]
        sections.append((_("Budget and staff"), money))
        return [(heading, texts) for heading, texts in sections if texts]


def within(choices, value):
    """The values of `choices` up to `value` in their order: no more than the visitor has."""
    order = list(choices.values)
    return order[: order.index(value) + 1]


def fewer_prerequisites(measure, limit=ALTERNATIVES, *, budget="", staff=""):
    """Published measures on a theme of `measure` that need fewer prerequisites, fewest first.

    Only measures with at least one recorded prerequisite count: a measure whose
    partner recorded none is not known to need less. Where the visitor gave a
    `budget` or `staff` band, only measures whose own band is recorded and no more
    than theirs count, for the same reason. One query; the themes and the
    prerequisites of `measure` come from its prefetch caches.
    """
    own = len(measure.prerequisites.all())
    themes = [theme.pk for theme in measure.theme_list]
    if own < 2 or not themes:
        return []
    through = Measure.categories.through
    shares_a_theme = Exists(
        through.objects.filter(measure_id=OuterRef("pk"), category_id__in=themes)
    )
    candidates = (
        Measure.objects.published()
        .for_listing()
        .exclude(pk=measure.pk)
        .filter(shares_a_theme)
        .annotate(prerequisite_count=prerequisite_count())
        .filter(prerequisite_count__gte=1, prerequisite_count__lt=own)
    )
    if budget in BudgetBand.values:
        candidates = candidates.filter(budget_band__in=within(BudgetBand, budget))
    if staff in StaffEffort.values:
        candidates = candidates.filter(staff_effort__in=within(StaffEffort, staff))
    return list(candidates.order_by("prerequisite_count", "title", "pk")[:limit])
