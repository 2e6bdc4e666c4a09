"""The form of a region exploring a measure: who is exploring it, where, and their address.

The region is one of the catalogue's, chosen from a list, so that the entry is
counted with the adoptions of the same region (measures.catalogue.uptake); an
organisation from elsewhere chooses "another region" and names it, with its
country. A name typed for another region that is a catalogue region's name (in
English, in its own language or in a translation; any case, accents, hyphens or
spaces) in the same country is taken as that region. Without a choice, a typed
name counts as "another region", as the form read before the list existed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from measures.content_language import localized
from measures.models import Region
from measures.models.explorations import NOTE_MAX_LENGTH
from measures.search.normalize import folded_name
from measures.visitors.spam import HoneypotForm
from partners.countries import Country
from partners.text import validate_single_line

ANOTHER_REGION = "other"


def names_of(region):
    """Every name a region goes by: English, local, and each translation's."""
    translations = region._prefetched_objects_cache.get("translations", [])
    return [region.name, region.name_local, *(row.name for row in translations)]


def region_named(name, country, regions):
    """The region of `regions` in `country` that goes by `name`, or None."""
    wanted = folded_name(name)
    for region in regions:
        if region.country == country and wanted in {folded_name(n) for n in names_of(region)}:
            return region
    return None


class ExplorationForm(HoneypotForm):
    organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("The public body that is exploring the measure, e.g. a municipality."),
    )
    region = forms.ChoiceField(
        label=_("Your region"),
        required=False,
        help_text=_("Choose it among the catalogue's regions, or “Another region” below."),
    )
    region_name = forms.CharField(
        label=_("Another region"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        help_text=_("Only for a region that is not in the list: its name, e.g. “South Karelia”."),
    )
    country = forms.ChoiceField(
        label=_("Its country"),
        required=False,
        choices=[("", "—"), *Country.choices],
        help_text=_("Only for a region that is not in the list."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "We send a link to confirm it. It is never shown; the people behind the measure "
            "can write to you once a coordinator has approved the entry."
        ),
    )
    note = forms.CharField(
        label=_("A short note (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to know, or how far you are. At most 500 characters."),
    )
    public_body = forms.BooleanField(
        label=_("I work for a public body, or on its behalf"),
        help_text=_("Entries are for public bodies: regions, municipalities and their agencies."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every translation, not only the page's: a name typed in any language is known.
        regions = Region.objects.prefetch_related("translations")
        self.regions = sorted(regions, key=lambda region: localized(region, "name").casefold())
        self.fields["region"].choices = [
            ("", "—"),
            *(
                (str(region.pk), f"{localized(region, 'name')} ({region.get_country_display()})")
                for region in self.regions
            ),
            (ANOTHER_REGION, _("Another region, not in the list")),
        ]

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("region") or ""
        name = cleaned.get("region_name") or ""
        country = cleaned.get("country") or ""
        chosen = next((region for region in self.regions if str(region.pk) == choice), None)
        if chosen is None and (choice == ANOTHER_REGION or name):
            if not name:
                self.add_error("region_name", _("Type the name of your region."))
            if not country:
                self.add_error("country", _("Choose the country of your region."))
            chosen = region_named(name, country, self.regions) if name and country else None
        elif chosen is None and "region" not in self.errors:
            self.add_error(
                "region",
                _("Choose your region, or “Another region, not in the list” and type its name."),
            )
        cleaned["region"] = chosen
        if chosen is not None:
            cleaned["region_name"] = chosen.name
            cleaned["country"] = chosen.country
        return cleaned
