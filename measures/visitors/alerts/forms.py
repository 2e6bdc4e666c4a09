"""The forms of the alerts: subscribing (on the measure list and on its own page), and changing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from measures.models import AlertSubscription
from measures.models.alerts import QUERY_MAX_LENGTH
from measures.visitors.alerts import searches
from measures.visitors.spam import HoneypotForm

Frequency = AlertSubscription.Frequency
FREQUENCY_CHOICES = [
    (Frequency.DAILY, _("Daily")),
    (Frequency.WEEKLY, _("Weekly")),
]


LEFT_OUT = _(
    "No alert can be made for this search: %(names)s holds a value the catalogue does not "
    "know, and without it the alert would send every new measure. Please choose the "
    "filters again in the list."
)


def left_out_names(labels):
    return {"names": ", ".join(labels)}


class SubscribeForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=FREQUENCY_CHOICES,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    # The list's query string, made canonical; the form's body is bounded by the view.
    query = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        # Ids of their own: the form shares the list page with the filter form.
        kwargs.setdefault("auto_id", "alert-%s")
        super().__init__(*args, **kwargs)

    def clean_query(self):
        left_out = searches.left_out(self.cleaned_data["query"])
        if left_out:
            raise forms.ValidationError(LEFT_OUT, code="left_out", params=left_out_names(left_out))
        query = searches.canonical(self.cleaned_data["query"])
        if len(query) > QUERY_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "This search has too many filters to be kept for an alert. "
                    "Remove some of them and ask again."
                ),
                code="too_long",
            )
        return query


class FrequencyForm(forms.ModelForm):
    frequency = forms.ChoiceField(
        label=_("How often"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect
    )

    class Meta:
        model = AlertSubscription
        fields = ["frequency"]
