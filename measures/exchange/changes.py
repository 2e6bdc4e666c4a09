"""The public change log of measures: when their published text changed, and which sections.

It is read from the measure's history (django-simple-history) and its state
changes (MeasureTransition), and holds only what the public could read:

- a history record saved while the measure was published was online from that
  moment (a coordinator's edit, an approved revision);
- a measure moved to "published" put online its last record before the move
  (a move changes the state alone, by an UPDATE that adds no record).

A measure loaded without history (`loaddata`, the seed) was published as loaded:
its first edit is logged without naming sections, since nothing tells what the
published text was before it.

Records saved while the measure was a draft, in review or archived are never
shown for themselves: they count only once published, compared with what was
published before. A revision an editor proposes lives in MeasureRevision until
a coordinator approves it, so a pending or rejected proposal is no record at
all. The log names sections and dates, never who changed them, and no text of a
version: the measure's page shows the text that is online now.

`change_logs()` reads the logs of many measures in two queries, whatever their
number: the history (with the themes and target groups of each version), the moves.
"""

import itertools
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, OuterRef
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from measures.caching import content_version
from measures.models import FUNDING_FIELDS, GOOD_PRACTICE_FIELDS, Measure, MeasureTransition
from measures.models.measure import IdList, parse_ids

logger = logging.getLogger(__name__)

Status = Measure.Status
SETTLE = timedelta(minutes=1)


def field_label(name):
    # Capitalised as the other sections' names are (the fields' names are lower case).
    return capfirst(Measure._meta.get_field(name).verbose_name)


# The sections a visitor sees, in the page's order, and the fields each is made of.
SECTIONS = [
    (_("Title"), ["title", "title_local"]),
    (_("Summary"), ["summary"]),
    (_("About the measure"), ["description"]),
    *[(field_label(name), [name]) for name in GOOD_PRACTICE_FIELDS],
    (_("Region"), ["region_id"]),
    (_("Partner"), ["partner_id"]),
    (_("Themes"), ["categories"]),
    (_("Target groups"), ["target_groups"]),
    (_("Years"), ["start_year", "end_year"]),
    (_("Status"), ["implementation"]),
    (_("Website"), ["website"]),
    (_("Image"), ["image", "image_alt"]),
    (
        _("Results and resources"),
        ["evidence_level", "documentation_level", "budget_band", "staff_effort", "duration_months"],
    ),
    (_("Funding"), ["funding", *FUNDING_FIELDS.values()]),
    (_("Run by"), ["main_institution"]),
    (_("About this information"), ["information_note"]),
]
# Each relation: the annotation that carries its ids in a version, the through table's column.
RELATIONS = {
    "categories": ("version_theme_ids", "category_id"),
    "target_groups": ("version_target_group_ids", "targetgroup_id"),
}
ANNOTATIONS = [annotation for annotation, column in RELATIONS.values()]
OWN_FIELDS = [name for label, names in SECTIONS for name in names if name not in RELATIONS]
HistoricalMeasure = Measure.history.model
# A measure loaded without history (the seed's) has no record of the text it was
# published with: its first edit after publication is logged, but which sections it
# changed cannot be known.
NOT_RECORDED = _("the text (which sections is not recorded)")


def history_of(relation, column):
    """The ids a historical record's relation held, as one value (see IdList)."""
    through = HistoricalMeasure._meta.get_field(f"historicalmeasure_{relation}").related_model
    links = through.objects.filter(history=OuterRef("history_id")).order_by()
    return IdList(links.values(option=F(column)))


@dataclass
class Change:
    """One moment the published text of a measure changed."""

    measure_id: int
    at: datetime
    key: str
    sections: list = field(default_factory=list)
    first: bool = False

    @property
    def day(self):
        return timezone.localdate(self.at)


def content_of(record):
    """What a visitor reads of a version: its own fields and its themes and target groups."""
    content = {name: record[name] for name in OWN_FIELDS}
    for relation, (annotation, _column) in RELATIONS.items():
        content[relation] = frozenset(parse_ids(record[annotation]))
    return content


def changed_sections(before, after):
    return [
        label
        for label, names in SECTIONS
        if any(before.get(name) != after.get(name) for name in names)
    ]


def published_versions(records, moves):
    """(moment, record) of each version that went online, oldest first.

    `records` and `moves` are one measure's, oldest first.
    """
    versions = [(record["history_date"], record) for record in records if is_published(record)]
    for moved_at, to_status in moves:
        if to_status != Status.PUBLISHED:
            continue
        before = [record for record in records if record["history_date"] <= moved_at]
        if before:
            versions.append((moved_at, before[-1]))
    versions.sort(key=lambda version: (version[0], version[1]["history_id"]))
    return settled(versions)


def settled(versions):
    """The versions without those replaced within SETTLE: one save of a form writes a record
    for the measure and one for each relation it sets, moments apart; only the last of
    them is what a visitor could read."""
    return [
        version
        for version, following in itertools.zip_longest(versions, versions[1:])
        if following is None or following[0] - version[0] > SETTLE
    ]


def is_published(record):
    return record["status"] == Status.PUBLISHED and record["history_type"] != "-"


def log_of(measure, records, moves):
    """The measure's changes, newest first; the first publication last."""
    changes = []
    if measure.published_at:
        changes.append(
            Change(measure.pk, measure.published_at, f"{measure.pk}-published", first=True)
        )
    previous = None
    for moment, record in published_versions(records, moves):
        content = content_of(record)
        if measure.published_at and moment > measure.published_at:
            if previous is not None:
                sections = changed_sections(previous, content)
            elif moment > measure.published_at + SETTLE:
                sections = [NOT_RECORDED]
            else:  # the version published, recorded moments after the move
                sections = []
            if sections:
                key = f"{measure.pk}-{record['history_id']}-{int(moment.timestamp())}"
                changes.append(Change(measure.pk, moment, key, [str(s) for s in sections]))
        previous = content
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes


def change_logs(measures):
    """{measure pk: its changes, newest first} for published `measures` (model instances)."""
    measures = [measure for measure in measures if measure.is_published]
    ids = [measure.pk for measure in measures]
    if not ids:
        return {}
    records = defaultdict(list)
    for record in (
        HistoricalMeasure.objects.filter(id__in=ids)
        .annotate(
            **{
                annotation: history_of(relation, column)
                for relation, (annotation, column) in RELATIONS.items()
            }
        )
        .order_by("history_date", "history_id")
        .values(
            "id", "history_id", "history_date", "history_type", "status", *OWN_FIELDS, *ANNOTATIONS
        )
    ):
        records[record["id"]].append(record)
    moves = defaultdict(list)
    for measure_id, moved_at, to_status in (
        MeasureTransition.objects.filter(measure_id__in=ids)
        .order_by("created_at", "pk")
        .values_list("measure_id", "created_at", "to_status")
    ):
        moves[measure_id].append((moved_at, to_status))
    return {
        measure.pk: log_of(measure, records[measure.pk], moves[measure.pk]) for measure in measures
    }


def change_log(measure):
    """One published measure's changes, newest first; [] for any other measure."""
    return change_logs([measure]).get(measure.pk, [])


def by_day(changes):
    """Changes of one day merged, newest day first: what the measure's page lists."""
    days = {}
    for change in changes:
        day = days.setdefault(change.day, Change(change.measure_id, change.at, change.key))
        day.first = day.first or change.first
        day.sections += [s for s in change.sections if s not in day.sections]
    return list(days.values())


def recent_changes(limit):
    """The latest `limit` changes across the catalogue, newest first, with their measures.

    The measures changed last are among those saved or moved last (`updated_at`
    follows both), so the logs of the `limit` measures updated last hold them.
    """
    measures = list(Measure.objects.published().for_listing().order_by("-updated_at")[:limit])
    logs = change_logs(measures)
    by_pk = {measure.pk: measure for measure in measures}
    changes = sorted(
        (change for log in logs.values() for change in log), key=lambda c: c.at, reverse=True
    )
    return [(by_pk[change.measure_id], change) for change in changes[:limit]]


def page_log(measure):
    """The log a measure's page lists (`by_day`), kept per content version and language.

    A save of a measure, and so each record of its history and each move between
    states, changes the content version (measures.caching.signals): a kept log is
    never out of date. The page then reads neither the history nor the moves on
    any view but the first after a change. The sections are named in the page's
    language, hence the language in the key.
    """
    try:
        key = content_version.key("measure-changes", measure.pk, get_language())
        changes = cache.get(key)
    except Exception:
        logger.exception("Cache unavailable; change log read from the database")
        return by_day(change_log(measure))
    if changes is None:
        changes = by_day(change_log(measure))
        try:
            cache.set(key, changes, settings.N2M_PAGE_CACHE_TIMEOUT or 600)
        except Exception:
            logger.exception("Cache unavailable; change log not stored")
    return changes
