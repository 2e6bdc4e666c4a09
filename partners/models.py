"""Partner organisations and the memberships that tie staff accounts to them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.countries import Country
from partners.text import validate_single_line


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class PartnerManager(models.Manager.from_queryset(PartnerQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Partner(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead partner")
        PARTNER = "partner", _("partner")
        ADVISORY = "advisory", _("advisory partner")

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    name_local = models.CharField(
        _("name in the local language"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("The organisation's own name, if it differs from the English one."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        validators=[validate_single_line],
        help_text=_("Shown where space is short, e.g. “DIBA” or “WITENO”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The partner's part of the web address. Change it only with care."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    role = models.CharField(
        _("role in the partnership"), max_length=10, choices=Role.choices, default=Role.PARTNER
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("short description"),
        max_length=1000,
        blank=True,
        help_text=_("A few sentences on what the organisation does. At most 1,000 characters."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Former partners stay listed with their measures but are marked as former."),
    )
    verification_reminded_on = models.DateField(
        _("last reminded to verify measures"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The day the editors were last reminded of measures not verified for a year; "
            "`remind_unverified` sends at most one reminder a day."
        ),
    )

    objects = PartnerManager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Membership(models.Model):
    """A staff account's role in one partner organisation."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("editor")
        COORDINATOR = "coordinator", _("coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["partner__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="unique_membership"),
        ]

    def __str__(self):
        return f"{self.user} – {self.partner} ({self.get_role_display()})"


class PartnerTranslationManager(models.Manager):
    """Fixtures name a partner's translation by its language and the partner's slug."""

    def get_by_natural_key(self, language, slug):
        return self.get(language=language, partner__slug=slug)


def partner_translation_languages():
    """The interface languages other than English, the language partners are entered in."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class PartnerTranslation(models.Model):
    """A partner's English name and description in another interface language.

    The same shape as the translations of measures, regions and themes, so the
    public pages read it the same way (`measures.content_language.localized`).
    """

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="translations", verbose_name=_("partner")
    )
    language = models.CharField(_("language"), max_length=10, choices=partner_translation_languages)
    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("The English name as people there would say it; the own name stays as it is."),
    )
    description = models.TextField(
        _("short description"),
        max_length=1000,
        blank=True,
        help_text=_("Left empty, visitors read the English description."),
    )

    objects = PartnerTranslationManager()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "language"], name="unique_partner_translation"
            ),
        ]

    def __str__(self):
        return f"{self.get_language_display()}: {self.name}"

    def natural_key(self):
        return (self.language, self.partner.slug)

    natural_key.dependencies = ["partners.partner"]
