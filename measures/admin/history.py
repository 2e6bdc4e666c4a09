"""A measure's saved versions in people's words (the admin's history page).

django-simple-history lists each version's changes as stored values: "Status:
draft → changes_requested", "Start year: None → 2024". Here states and other
choices show their labels, yes/no fields say yes or no, themes and target groups
their names, an empty value "not filled in", and a text whose line endings alone
changed is no change at all.
"""

from django.db import models
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from measures.review.workflow import comparable


class PlainWordsHistory(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        return [
            {"field": formatted.field, "old": formatted.old, "new": formatted.new}
            for formatted in (
                self.format_delta_change(change)
                for change in delta.changes
                if comparable(change.old) != comparable(change.new)
            )
        ]

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        value = super().prepare_delta_change_value(change, value)
        if isinstance(field, models.BooleanField):
            return _("yes") if value else _("no")
        if value is None or value == "" or value == []:
            return _("not filled in")
        if isinstance(value, list):
            return ", ".join(sorted(str(item) for item in value))
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        return value
