"""The measure itself and its further-information links."""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery, TextField
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.content_language import localized, prefetch_translations
from measures.images import delete_when_unused, strip_metadata, validate_measure_image
from measures.models.addresses import slug_url
from measures.models.choices import ChoiceLabels
from measures.models.documentation import DOCUMENTATION_HELP, NOT_DOCUMENTED, DocumentationLevel
from measures.models.results import (
    FUNDING_FIELDS,
    BudgetBand,
    EvidenceLevel,
    FundingSource,
    StaffEffort,
    funding_flag,
)
from measures.models.taxonomy import (
    Category,
    Region,
    SlugNaturalKeyManager,
    TargetGroup,
    cached_taxonomy,
    year_validators,
)
from partners.models import Partner
from partners.text import validate_single_line

SUMMARY_MAX_LENGTH = 300
# The sections of a measure's good-practice write-up, in the order the form, the
# detail page, the comparison, the API, the downloads, the spreadsheets and the
# dossier's PDF all give them.
GOOD_PRACTICE_FIELDS = ("problem", "resources", "evidence", "difficulties", "transfer_potential")
# The long texts of a measure, read on its own page but in no list or export.
EXPORT_DEFERRED_FIELDS = ("description", *GOOD_PRACTICE_FIELDS)
# The search index of a measure (measures.search.index), read by search alone.
SEARCH_INDEX_FIELDS = ("search_vector", "search_text")


def verification_cutoff(today=None):
    """Facts confirmed before this day are overdue: twelve months have passed."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def verification_overdue_q(today=None):
    """Measures confirmed before the cutoff; one never confirmed counts from its publication."""
    cutoff = verification_cutoff(today)
    start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True, published_at__lt=start)


class IdList(Subquery):
    """The ids a subquery returns, as one value: an array on PostgreSQL, "1,2" on SQLite."""

    template = "ARRAY(%(subquery)s)"

    def __init__(self, queryset):
        # The value is read by parse_ids(); no converter of the database backend applies.
        super().__init__(queryset, output_field=TextField())

    @classmethod
    def of(cls, relation):
        """The ids of the rows a many-to-many `relation` (e.g. Measure.categories) links."""
        field = relation.field
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = relation.through.objects.filter(**{own: OuterRef("pk")}).order_by()
        return cls(links.values(option=F(other)))

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "(SELECT group_concat(ids.option) FROM (%(subquery)s) ids)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def parse_ids(value):
    """The set of ids an IdList annotation holds."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {int(part) for part in value.split(",") if part}
    return set(value)


class MeasureQuerySet(models.QuerySet):
    def published(self):
        """The only way public code asks for measures."""
        return self.filter(status=Measure.Status.PUBLISHED)

    def for_listing(self):
        """What a measure card needs: region, partner and the ids of its themes, in one query.

        The themes themselves come from the cached taxonomy (`theme_list`). On a
        page in another language than English, two more: the translations of the
        measures and of their regions.
        """
        return (
            self.select_related("region", "partner")
            .with_taxonomy_ids()
            .prefetch_related(*prefetch_translations(Measure, "region"))
            .defer(*SEARCH_INDEX_FIELDS)
        )

    def for_detail(self):
        """A listing row plus its links and indicators.

        On a page in another language, three more: the translations of the links,
        of the indicators and of the partner.
        """
        return self.for_listing().prefetch_related(
            "links",
            "indicators",
            *prefetch_translations(Measure, "links", "indicators", "partner")[1:],
        )

    def with_prerequisites(self):
        """Its prerequisites too, in one more query: what the fit check asks about."""
        return self.prefetch_related("prerequisites")

    def with_explorations(self):
        """Its public explorations too, newest first, in one more query (`public_explorations`).

        Approved or adopted entries of regions exploring the measure (Exploration), with
        the catalogue's region each names (and, on a translated page with such an entry,
        the region's name in its language, in one query more).
        """
        exploration = Measure._meta.get_field("explorations").related_model
        region = exploration._meta.get_field("region").related_model
        region_names = [
            Prefetch(f"region__{names.prefetch_through}", queryset=names.queryset)
            for names in prefetch_translations(region)
        ]
        public = (
            exploration.objects.filter(status__in=["published", "adopted"])
            .select_related("region")
            .prefetch_related(*region_names)
            .order_by("-created_at", "-pk")
        )
        return self.prefetch_related(
            Prefetch("explorations", queryset=public, to_attr="public_explorations")
        )

    def with_expert_opinions(self):
        """Its published expert opinions too, newest first, in one more query
        (`published_opinions`). The expert is named by the opinion's own name field,
        so no account is read."""
        opinion = Measure._meta.get_field("expert_opinions").related_model
        published = opinion.objects.filter(status="published").order_by("-published_at", "-pk")
        return self.prefetch_related(
            Prefetch("expert_opinions", queryset=published, to_attr="published_opinions")
        )

    def for_search_text(self):
        """What a measure's search text is made of (measures.search.document), and no more.

        Its texts, and the names of its region, partner and themes in every language.
        """
        return (
            self.select_related("region", "partner")
            .prefetch_related(
                "translations",
                "region__translations",
                Prefetch("categories", queryset=Category.objects.prefetch_related("translations")),
            )
            .only(
                "title",
                "title_local",
                "summary",
                *EXPORT_DEFERRED_FIELDS,
                "main_institution",
                "funding",
                "region",
                "partner",
            )
        )

    def with_taxonomy_ids(self):
        """Each row carries the ids of its themes and target groups.

        `Measure.theme_list` and `target_group_list` then take the rows from the
        cached taxonomy instead of a query per relation.
        """
        return self.annotate(
            theme_ids=IdList.of(Measure.categories),
            target_group_ids=IdList.of(Measure.target_groups),
        )

    def for_export(self):
        """A listing row plus its target groups, without the long texts no export holds."""
        return (
            self.select_related("region", "partner")
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.order_by("position", "name")),
                "target_groups",
                *prefetch_translations(Measure, "region", "categories", "target_groups"),
            )
            .defer(*EXPORT_DEFERRED_FIELDS, *SEARCH_INDEX_FIELDS)
        )

    def latest(self):
        return self.order_by("-published_at", "-pk")

    def verification_overdue(self, today=None):
        """Published measures whose facts nobody has confirmed for twelve months."""
        return self.published().filter(verification_overdue_q(today))


class MeasureManager(SlugNaturalKeyManager.from_queryset(MeasureQuerySet)):
    pass


def measure_image_path(instance, filename):
    """Store uploads under a random name: the original may reveal more than intended."""
    suffix = PurePath(filename).suffix.lower()
    return f"measures/{uuid.uuid4().hex}{suffix}"


class Measure(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Implementation(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")

    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("A name a visitor from another region understands, in English."),
    )
    title_local = models.CharField(
        _("title in the original language"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("The measure's own name in its region, if it has one."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        help_text=_(
            "Made from the title when the measure is first saved; it stays the same "
            "when the title changes, so shared links keep working."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("One or two sentences shown in lists and previews. At most 300 characters."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the measure does, for whom, and how it works."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="measures", verbose_name=_("region")
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("partner"),
        help_text=_("The partnership organisation that entered the measure and keeps it current."),
    )
    categories = models.ManyToManyField(
        Category,
        related_name="measures",
        verbose_name=_("themes"),
        help_text=_("One or more themes the measure belongs to."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup,
        related_name="measures",
        blank=True,
        verbose_name=_("target groups"),
        help_text=_("The people or organisations the measure is for."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=year_validators,
        db_index=True,
        help_text=_("The year the measure started or starts. Needed before review."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("Leave empty while the measure runs or if it has no planned end."),
    )
    implementation = models.CharField(
        _("status in reality"),
        max_length=10,
        choices=Implementation.choices,
        blank=True,
        help_text=_("Whether the measure is planned, running or completed. Empty if not known."),
    )
    website = models.URLField(_("website"), blank=True, max_length=500)
    image = models.ImageField(
        _("image"),
        upload_to=measure_image_path,
        blank=True,
        validators=[validate_measure_image],
        help_text=_(
            "An optional photo or illustration, JPEG or PNG, at most 5 MB. Hidden data in "
            "the file, such as the camera and the place a photo was taken, is removed."
        ),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )

    # The good-practice template of Interreg Europe.
    problem = models.TextField(
        _("problem addressed"),
        blank=True,
        help_text=_("The challenge in the region that the measure answers."),
    )
    resources = models.TextField(
        _("resources needed"),
        blank=True,
        help_text=_("Money, staff and equipment the measure takes, with figures where known."),
    )
    evidence = models.TextField(
        _("evidence of success"),
        blank=True,
        help_text=_("Results that show the measure works: numbers of users, evaluations, awards."),
    )
    difficulties = models.TextField(
        _("difficulties encountered"),
        blank=True,
        help_text=_("What went wrong or was hard, and how it was handled."),
    )
    transfer_potential = models.TextField(
        _("potential for learning or transfer"),
        blank=True,
        help_text=_(
            "What another region would need to adopt the measure, and what it could learn."
        ),
    )
    information_note = models.TextField(
        _("about this information"),
        blank=True,
        help_text=_(
            "What a reader should know about the facts themselves, in a sentence or two: "
            "what could not be found, or which figures disagree. Shown under the further "
            "links. Leave empty when there is nothing to add."
        ),
    )
    funding = models.CharField(
        _("funding details"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who pays for the measure, in words: programmes, amounts, shares. Tick the kinds "
            "of source under “Results and resources” as well."
        ),
    )
    main_institution = models.CharField(
        _("main institution"),
        max_length=200,
        blank=True,
        help_text=_("The organisation that runs the measure, if not the partner itself."),
    )

    # Results and resources in fields a visitor can filter and compare (measures.models.results).
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=10,
        choices=EvidenceLevel,
        blank=True,
        help_text=_(
            "How the results are documented. Anecdotal: the people involved describe them, "
            "with few or no figures. Monitored: results are counted and reported, such as "
            "users, visits or money paid out. Evaluated: an independent evaluation or study has "
            "assessed them. Leave empty if no results are known yet."
        ),
    )
    documentation_level = models.CharField(
        _("documentation level"),
        max_length=10,
        choices=DocumentationLevel,
        blank=True,
        help_text=DOCUMENTATION_HELP,
    )
    budget_band = models.CharField(
        _("budget"),
        max_length=10,
        choices=BudgetBand,
        blank=True,
        help_text=_(
            "What the measure costs in euro: its whole budget or, for a service without an "
            "end, one year of it. Leave empty if the sources give no amount."
        ),
    )
    staff_effort = models.CharField(
        _("staff effort"),
        max_length=20,
        choices=StaffEffort,
        blank=True,
        help_text=_("The people who run the measure. Leave empty if not known."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1200)],
        help_text=_(
            "How long the measure runs or ran, if it has a planned end: e.g. 20 for January "
            "2018 to August 2019. Empty for a measure without an end or if not known."
        ),
    )
    funding_erdf = funding_flag(FundingSource.ERDF)
    funding_other_eu = funding_flag(FundingSource.OTHER_EU)
    funding_national = funding_flag(FundingSource.NATIONAL)
    funding_regional = funding_flag(FundingSource.REGIONAL)
    funding_own_budget = funding_flag(FundingSource.OWN_BUDGET)
    funding_private = funding_flag(FundingSource.PRIVATE)

    status = models.CharField(
        _("publication status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), null=True, blank=True, help_text=_("When it last went to review.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When the owning partner last confirmed that the facts are still true."),
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        editable=False,
        help_text=_("Synthetic measures made by `generate_demo_measures` for load tests."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    # Filled by measures.search.index on PostgreSQL (the weighted words of the search
    # text below, and the texts in other languages stemmed); unused on SQLite.
    search_vector = SearchVectorField(_("search index"), null=True, editable=False)
    # The measure's words as search compares them (measures.search.document), on both
    # databases: SQLite searches it, PostgreSQL makes the vector from it, both rank by it.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Counts saves, so a second editor's stale form is refused."),
    )

    objects = MeasureManager()
    history = HistoricalRecords(
        m2m_fields=["categories", "target_groups"],
        excluded_fields=[
            "version",
            "updated_at",
            "updated_by",
            "submitted_at",
            *SEARCH_INDEX_FIELDS,
        ],
        verbose_name=_("historical measure"),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["-published_at", "title"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="measure_status_published"),
            models.Index(fields=["status", "title"], name="measure_status_title"),
            models.Index(fields=["status", "submitted_at"], name="measure_status_submitted"),
            # The public pages read published measures only; these partial indexes hold
            # just those. Facet counts and the region counts read the first without
            # touching the table (id and the columns of the evidence, documentation,
            # budget and funding facets are included on PostgreSQL), the join-table counts
            # check "published" in the second, the region and partner pages list their
            # newest measures from the last two.
            models.Index(
                fields=["region", "partner", "start_year"],
                include=[
                    "id",
                    "evidence_level",
                    "documentation_level",
                    "budget_band",
                    *FUNDING_FIELDS.values(),
                ],
                condition=Q(status="published"),
                name="measure_published_facets",
            ),
            models.Index(
                fields=["id"], condition=Q(status="published"), name="measure_published_id"
            ),
            models.Index(
                fields=["region", "-published_at"],
                condition=Q(status="published"),
                name="measure_region_newest",
            ),
            models.Index(
                fields=["partner", "-published_at"],
                condition=Q(status="published"),
                name="measure_partner_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="measure_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="measure_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A new upload is redrawn without its metadata before it is written to storage.
        strip_metadata(self.image)
        if not self.slug:
            self.slug = self.unique_slug()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)
        self._forget_replaced_image()

    def get_absolute_url(self):
        return slug_url("measures:detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        measure = super().from_db(db, field_names, values)
        # The image file the row names, so that a save which replaces or clears it
        # can delete it (absent when the query left the image out).
        measure._stored_image = measure.__dict__.get("image")
        return measure

    def _forget_replaced_image(self):
        """Delete the file of an image this save replaced or cleared, once nothing names it."""
        previous, current = getattr(self, "_stored_image", None), self.image.name or ""
        if previous and previous != current:
            delete_when_unused(
                self.image.storage,
                previous,
                in_use=lambda name: Measure.objects.filter(image=name).exists(),
            )
        self._stored_image = current

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if self.end_year and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end year cannot be before the start year.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def verified_on(self):
        """The day the facts were last confirmed; publication counts if nobody confirmed since."""
        if self.last_verified is not None:
            return self.last_verified
        if self.published_at is not None:
            return timezone.localdate(self.published_at)
        return None

    @property
    def is_verification_overdue(self):
        verified_on = self.verified_on
        return self.is_published and verified_on is not None and verified_on < verification_cutoff()

    @cached_property
    def theme_list(self):
        """The measure's themes in taxonomy order, translated; see `taxonomy_rows()`."""
        return self.taxonomy_rows(Measure.categories, "theme_ids")

    @cached_property
    def target_group_list(self):
        """The measure's target groups in taxonomy order, translated; see `taxonomy_rows()`."""
        return self.taxonomy_rows(Measure.target_groups, "target_group_ids")

    def taxonomy_rows(self, relation, annotation):
        """The rows of `relation`, from the cached taxonomy when the row carries their ids.

        A measure read through `with_taxonomy_ids()` costs no query here; any other,
        or one naming an id the cache does not know yet, asks the relation.
        """
        manager = getattr(self, relation.field.name)
        if annotation not in self.__dict__:
            return list(manager.all())
        ids = parse_ids(self.__dict__[annotation])
        rows = cached_taxonomy()[relation.field.related_model]
        if ids - {row.pk for row in rows}:
            return list(manager.all())
        return [row for row in rows if row.pk in ids]

    @property
    def years(self):
        """The running time for people: "2016–2019", "2021", "since 2016", "until 2019" or
        the one wording for a missing fact, "Not documented"."""
        start, end = self.start_year, self.end_year
        if start and end:
            return str(start) if start == end else f"{start}–{end}"
        if start:
            return _("since %(year)s") % {"year": start}
        if end:
            return _("until %(year)s") % {"year": end}
        return NOT_DOCUMENTED

    def good_practice_sections(self):
        """The good-practice fields in template order, as (label, text) pairs with text."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in GOOD_PRACTICE_FIELDS
            if getattr(self, name).strip()
        ]

    def good_practice_write_up(self):
        """Every good-practice section in template order, as (label, text) pairs.

        The text is in the page's language where a translation has it, else English,
        and empty where nothing is documented: the page then says so in one wording
        (`NOT_DOCUMENTED`) instead of leaving the section out.
        """
        return [
            (self._meta.get_field(name).verbose_name, localized(self, name))
            for name in GOOD_PRACTICE_FIELDS
        ]

    @property
    def funding_sources(self):
        """The kinds of funding source ticked, as FundingSource members in their order."""
        return [source for source, field in FUNDING_FIELDS.items() if getattr(self, field)]

    @funding_sources.setter
    def funding_sources(self, sources):
        chosen = {FundingSource(source) for source in sources}
        for source, field in FUNDING_FIELDS.items():
            setattr(self, field, source in chosen)

    def unique_slug(self):
        """A slug made from the title that no other measure uses."""
        base = slugify(self.title)[:200].strip("-") or "measure"
        slug, n = base, 2
        while Measure.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class MeasureLinkManager(models.Manager):
    def get_by_natural_key(self, url, measure_slug):
        return self.get(url=url, measure__slug=measure_slug)


class MeasureLink(models.Model):
    """A further-information link of a measure: a source, a report, a press article."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="links", verbose_name=_("measure")
    )
    title = models.CharField(
        _("link text"),
        max_length=200,
        help_text=_("What the visitor finds there, e.g. “Evaluation report 2022”."),
    )
    url = models.URLField(_("address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = MeasureLinkManager()

    class Meta:
        verbose_name = _("further link")
        verbose_name_plural = _("further links")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "url"], name="unique_measure_link"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.url, *self.measure.natural_key())

    natural_key.dependencies = ["measures.measure"]
