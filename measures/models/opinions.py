"""Expert opinions: an independent expert's reading of a published measure.

An expert (the group `measures.review.groups.EXPERTS`) writes a short text and
rates the measure from 1 to 5 on four criteria, each with a sentence of
reasons. The opinion moves with the catalogue's words: draft → submitted →
published, or sent back with "changes requested". The measure's editors read
it once it is submitted and may reply once; the reply is shown beside it.
Who may do what is decided in `measures.review.permissions`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, Exists, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import JSONArray
from django.utils.translation import gettext_lazy as _

from measures.models.measure import Measure
from partners.text import validate_single_line

TEXT_MAX_LENGTH = 3000
REASON_MAX_LENGTH = 300
REPLY_MAX_LENGTH = 1500


class Score(models.IntegerChoices):
    POOR = 1, _("1 – poor")
    WEAK = 2, _("2 – weak")
    FAIR = 3, _("3 – fair")
    GOOD = 4, _("4 – good")
    EXCELLENT = 5, _("5 – excellent")


# (score field, its reasons' field, the criterion's name) in the order shown everywhere.
CRITERIA = [
    ("relevance", "relevance_reason", _("relevance to next-to-metropolis regions")),
    ("evidence", "evidence_reason", _("evidence of results")),
    ("transferability", "transferability_reason", _("transferability")),
    ("novelty", "novelty_reason", _("novelty")),
]
CRITERION_NAMES = [name for name, _reason, _label in CRITERIA]


def expert_reviewed():
    """True for a measure with at least one published expert opinion (an EXISTS on the
    measure's row, for the list's facet and its counts)."""
    return Exists(
        ExpertOpinion.objects.filter(measure=OuterRef("pk"), status=ExpertOpinion.Status.PUBLISHED)
    )


def expert_rating(criterion):
    """A measure's average rating on one criterion over its published opinions; None
    without one (a subquery on the measure's row, for the list's sort)."""
    if criterion not in CRITERION_NAMES:
        raise ValueError(f"No such criterion: {criterion!r}")
    published = ExpertOpinion.objects.filter(
        measure=OuterRef("pk"), status=ExpertOpinion.Status.PUBLISHED
    )
    average = published.order_by().values("measure").annotate(rating=Avg(criterion))
    return Subquery(average.values("rating")[:1])


def expert_ratings():
    """Annotations of a measure's average rating per criterion (`rating_<criterion>`) and
    its number of published opinions (`expert_opinion_count`), read in the measure's own
    query: for the comparison, which shows them side by side."""
    published = ExpertOpinion.objects.filter(
        measure=OuterRef("pk"), status=ExpertOpinion.Status.PUBLISHED
    )
    count = published.order_by().values("measure").annotate(n=Count("pk")).values("n")[:1]
    return {
        **{f"rating_{name}": expert_rating(name) for name in CRITERION_NAMES},
        "expert_opinion_count": Subquery(count),
    }


def expert_rating_summary():
    """A measure's published opinions in one value, read in the measure's own query:
    [their number, the average of each criterion in CRITERIA's order], or None without
    one. One subquery per row where `expert_ratings()` takes five: for the API and the
    downloads, which read every measure of a list."""
    published = ExpertOpinion.objects.filter(
        measure=OuterRef("pk"), status=ExpertOpinion.Status.PUBLISHED
    )
    summary = (
        published.order_by()
        .values("measure")
        .annotate(summary=JSONArray(Count("pk"), *(Avg(name) for name in CRITERION_NAMES)))
        .values("summary")[:1]
    )
    return Subquery(summary, output_field=JSONField())


class ExpertOpinionQuerySet(models.QuerySet):
    def published(self):
        """What visitors see: published opinions of published measures."""
        return self.filter(
            status=ExpertOpinion.Status.PUBLISHED, measure__status=Measure.Status.PUBLISHED
        )

    def for_measure_page(self):
        """The published opinions as a measure's page shows them, newest first."""
        return self.published().select_related("expert").order_by("-published_at", "-pk")


class ExpertOpinion(models.Model):
    class Status(models.TextChoices):
        # The catalogue's workflow words, as measures use them.
        DRAFT = Measure.Status.DRAFT.value, Measure.Status.DRAFT.label
        SUBMITTED = Measure.Status.SUBMITTED.value, Measure.Status.SUBMITTED.label
        CHANGES_REQUESTED = (
            Measure.Status.CHANGES_REQUESTED.value,
            Measure.Status.CHANGES_REQUESTED.label,
        )
        PUBLISHED = Measure.Status.PUBLISHED.value, Measure.Status.PUBLISHED.label

    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="expert_opinions",
        verbose_name=_("measure"),
        help_text=_("A published measure of the catalogue."),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expert_opinions",
        verbose_name=_("expert"),
    )
    expert_name = models.CharField(
        _("your name as shown"),
        max_length=150,
        validators=[validate_single_line],
        help_text=_("Shown with the opinion, e.g. “Dr. Maria Nowak”."),
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_(
            "Your organisation and position, e.g. “University of Łódź, regional economics”."
        ),
    )
    text = models.TextField(
        _("opinion"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_(
            "A short opinion in plain English: what a region thinking of this measure should know. "
            "At most 3,000 characters."
        ),
    )
    relevance = models.PositiveSmallIntegerField(
        _("relevance to next-to-metropolis regions"), choices=Score
    )
    relevance_reason = models.CharField(
        _("why this rating for relevance"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("One sentence of reasons, in plain English."),
    )
    evidence = models.PositiveSmallIntegerField(_("evidence of results"), choices=Score)
    evidence_reason = models.CharField(
        _("why this rating for evidence"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("One sentence of reasons, in plain English."),
    )
    transferability = models.PositiveSmallIntegerField(_("transferability"), choices=Score)
    transferability_reason = models.CharField(
        _("why this rating for transferability"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("One sentence of reasons, in plain English."),
    )
    novelty = models.PositiveSmallIntegerField(_("novelty"), choices=Score)
    novelty_reason = models.CharField(
        _("why this rating for novelty"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("One sentence of reasons, in plain English."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    review_comment = models.TextField(
        _("coordinator's comment"),
        blank=True,
        help_text=_("What should change, when a coordinator sends the opinion back."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reply = models.TextField(
        _("the editors' reply"),
        max_length=REPLY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "In plain English, as the opinion is: the reply is shown beside it on every "
            "language's page. The measure's editors may reply once, and the reply cannot be "
            "changed afterwards. At most 1,500 characters."
        ),
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replied by"),
    )

    objects = ExpertOpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert opinion")
        verbose_name_plural = _("expert opinions")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relevance__range=(1, 5))
                & Q(evidence__range=(1, 5))
                & Q(transferability__range=(1, 5))
                & Q(novelty__range=(1, 5)),
                name="expert_opinion_scores_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["measure", "expert"], name="one_expert_opinion_per_measure"
            ),
        ]
        indexes = [
            models.Index(
                fields=["measure", "-published_at"],
                condition=Q(status="published"),
                name="expert_opinion_public",
            ),
        ]

    def __str__(self):
        return f"{self.expert_name} → {self.measure}"

    def ratings(self):
        """(criterion, score, reasons) for each of the four criteria, in their order."""
        return [
            (label, getattr(self, name), getattr(self, reason)) for name, reason, label in CRITERIA
        ]

    @property
    def has_reply(self):
        return bool(self.reply)
