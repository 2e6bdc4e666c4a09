"""What a measure needs before it can run somewhere: its prerequisites.

Each prerequisite is one condition in a short sentence ("broadband coverage in
the target villages") with the reason it matters, and a kind (money, people,
infrastructure, legal competence, partners, data), so that measures can be
compared by what they take. A visitor checks them against their own region on
the measure's page (`measures.catalogue.fit`).

The prerequisites of a published measure change like its other fields: an
editor's changes wait in a revision until a coordinator approves them
(`as_data()` gives the form a revision stores, `replace()` applies it).
"""

from django.db import models, transaction
from django.db.models import Count, JSONField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from measures.content_language import source_text
from measures.models.measure import Measure
from partners.text import validate_single_line

# More would no longer be a short list a visitor answers on the measure's page.
MAX_PREREQUISITES = 12


def too_many_message(count):
    """What a person reads when a measure would get more prerequisites than it may have."""
    return ngettext(
        "A measure has at most %(max)d prerequisites; this list has %(count)d. "
        "Delete one before you save.",
        "A measure has at most %(max)d prerequisites; this list has %(count)d. "
        "Delete %(over)d before you save.",
        count - MAX_PREREQUISITES,
    ) % {"max": MAX_PREREQUISITES, "count": count, "over": count - MAX_PREREQUISITES}


def repeated_message(condition):
    return _("“%(condition)s” is in the list twice: each prerequisite is named once.") % {
        "condition": condition
    }


def list_problems(rows):
    """Why a measure cannot hold the prerequisites `rows` (the form of `as_data()`): a list
    of messages, empty when it can. At most MAX_PREREQUISITES, each condition once."""
    problems = []
    if len(rows) > MAX_PREREQUISITES:
        problems.append(too_many_message(len(rows)))
    seen = set()
    for row in rows:
        if row["condition"] in seen:
            problems.append(repeated_message(row["condition"]))
        seen.add(row["condition"])
    return problems


class PrerequisiteKind(models.TextChoices):
    MONEY = "money", _("Money")
    PEOPLE = "people", _("People")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    LEGAL = "legal", _("Legal competence")
    PARTNERS = "partners", _("Partners")
    DATA = "data", _("Data")


class PrerequisiteQuerySet(models.QuerySet):
    def as_data(self):
        """The rows as a revision stores them: kind, condition and reason, in order."""
        return [
            {"kind": row.kind, "condition": row.condition, "reason": row.reason}
            for row in self.order_by("position", "pk")
        ]


class PrerequisiteManager(models.Manager.from_queryset(PrerequisiteQuerySet)):
    def get_by_natural_key(self, condition, measure_slug):
        return self.get(condition=condition, measure__slug=measure_slug)

    def replace(self, measure, data):
        """Make `measure`'s prerequisites the rows of `data` (the form of `as_data()`)."""
        with transaction.atomic():
            self.filter(measure=measure).delete()
            self.bulk_create(
                self.model(
                    measure=measure,
                    kind=row["kind"],
                    condition=row["condition"],
                    reason=row.get("reason", ""),
                    position=position,
                )
                for position, row in enumerate(data)
            )


def prerequisite_count():
    """An annotation: how many prerequisites a measure's row has, in the row's own query."""
    counted = (
        Prerequisite.objects.filter(measure=OuterRef("pk"))
        .order_by()
        .values("measure")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


class PrerequisiteRows(Subquery):
    """A measure's prerequisites as one JSON value in its own query: [[kind, condition], …]
    in their order, an empty list without any (for the API and the downloads)."""

    template = (
        "(SELECT COALESCE(jsonb_agg(jsonb_build_array(rows.kind, rows.condition) "
        "ORDER BY rows.position, rows.id), '[]'::jsonb) FROM (%(subquery)s) rows)"
    )

    def __init__(self):
        rows = Prerequisite.objects.filter(measure=OuterRef("pk")).order_by("position", "pk")
        super().__init__(
            rows.values("kind", "condition", "position", "id"), output_field=JSONField()
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # The rows come ordered from the subquery, and json_group_array() keeps their order.
        template = (
            "(SELECT json_group_array(json_array(rows.kind, rows.condition)) "
            "FROM (%(subquery)s) rows)"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)


class Prerequisite(models.Model):
    """One condition a region needs to meet before the measure can work there."""

    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="prerequisites",
        verbose_name=_("measure"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=PrerequisiteKind,
        help_text=_("What sort of thing is needed, so that measures can be compared by it."),
    )
    condition = models.CharField(
        _("what is needed"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_(
            "One condition in a few words, e.g. “Broadband coverage in the target villages” "
            "or “A co-financing of about €50,000 a year”."
        ),
    )
    reason = models.CharField(
        _("why it matters"),
        max_length=300,
        blank=True,
        validators=[validate_single_line],
        help_text=_("In one sentence: what goes wrong without it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PrerequisiteManager()

    class Meta:
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "condition"], name="unique_measure_prerequisite"
            ),
        ]

    def __str__(self):
        return self.condition

    def natural_key(self):
        return (self.condition, *self.measure.natural_key())

    natural_key.dependencies = ["measures.measure"]

    # Prerequisites are entered in English only: marked so, a German page can say
    # lang="en" on them and count them among its English texts.
    @property
    def local_condition(self):
        """The condition as a `LocalText` in the source language."""
        return source_text(self.condition)

    @property
    def local_reason(self):
        """The reason as a `LocalText` in the source language."""
        return source_text(self.reason)
