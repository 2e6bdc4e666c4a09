"""How much is known about a measure: its documentation level, said as data.

A reader deciding whether to adopt a measure should see at a glance whether it
rests on a full record or on a passing mention, without reading hedges in the
text. The level is a field of the measure (`Measure.documentation_level`),
shown as a label on its page and offered as a facet of the list.

The rule the coordinators apply, and the seed follows:

- **Well documented**: it is clear who runs the measure, since when and whether
  it still runs, and there are results in figures and the money or people it
  takes.
- **Partly documented**: what was done and by whom is clear, but results in
  figures, costs or the current state are missing.
- **Thinly documented**: known from one account or a passing mention; dates,
  state or the link to the partnership are uncertain.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentationLevel(models.TextChoices):
    WELL = "well", _("Well documented")
    PARTLY = "partly", _("Partly documented")
    THINLY = "thinly", _("Thinly documented")

    @property
    def description(self):
        """What the level tells a reader, in one sentence."""
        return DOCUMENTATION_DESCRIPTIONS[self]


DOCUMENTATION_DESCRIPTIONS = {
    DocumentationLevel.WELL: _(
        "Who runs it, since when, what it costs and what it achieved are all known."
    ),
    DocumentationLevel.PARTLY: _(
        "What was done and by whom is known; results in figures, costs or the current "
        "state are missing."
    ),
    DocumentationLevel.THINLY: _(
        "Known from one account or a passing mention; dates, state or results are uncertain."
    ),
}

DOCUMENTATION_HELP = _(
    "How much is known about the measure. Well documented: who runs it, since when, "
    "whether it still runs, results in figures and the money or people it takes. Partly "
    "documented: what was done and by whom, but results, costs or the current state are "
    "missing. Thinly documented: one account or a passing mention; dates, state or the "
    "link to the partnership are uncertain."
)

# The one wording for a section of a measure about which nothing is known, and what it
# means; templates/includes/not_documented.html says the same.
NOT_DOCUMENTED = _("Not documented")
NOT_DOCUMENTED_HELP = _(
    "Nothing is known about this yet; the partner can add it when it has the facts."
)
