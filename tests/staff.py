"""Helpers that make staff people and measures and talk to the measure admin like a browser.

Staff people are made with the real `create_staff_user` command, so the tests
also pin what an operator's command gives a person: is_staff, the group and the
membership.
"""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.utils import timezone

from measures.models import Measure
from tests.factories import (
    MeasureFactory,
)

Status = Measure.Status

CHANGELIST = "/admin/measures/measure/"


def change_url(measure):
    return f"/admin/measures/measure/{measure.pk}/change/"


def transition_url(measure):
    return f"/admin/measures/measure/{measure.pk}/transition/"


def revision_url(measure):
    return f"/admin/measures/measure/{measure.pk}/revision/"


def public_url(measure):
    return f"/en/measures/{measure.slug}/"


def create_staff_user(username, partner, role):
    call_command(
        "create_staff_user",
        username,
        email=f"{username}@example.org",
        partner=partner.slug,
        role=role,
        no_input=True,
        stdout=StringIO(),
    )
    return get_user_model().objects.get(username=username)


def messages_of(response, level=None):
    """The texts of the messages the request added (of one level: "error", "success"...)."""
    return [
        str(message)
        for message in get_messages(response.wsgi_request)
        if level is None or message.level_tag == level
    ]


def form_errors(response):
    """Field name → error texts of the admin form a response shows; {} if it shows none."""
    if not response.context or "adminform" not in response.context:
        return {}
    form = response.context["adminform"].form
    return {name: list(errors) for name, errors in form.errors.items()}


def change_form_data(measure, **changes):
    """Everything the admin change form of `measure` posts, with `changes` applied.

    Read-only fields (slug, partner, image for some people) may be posted too:
    the admin ignores them, as it would a tampered browser's.
    """
    data = {
        "title": measure.title,
        "title_local": measure.title_local,
        "slug": measure.slug,
        "summary": measure.summary,
        "description": measure.description,
        "region": measure.region_id,
        "partner": measure.partner_id,
        "main_institution": measure.main_institution,
        "categories": [c.pk for c in measure.categories.all()],
        "target_groups": [g.pk for g in measure.target_groups.all()],
        "start_year": measure.start_year,
        "end_year": measure.end_year or "",
        "implementation": measure.implementation,
        "problem": measure.problem,
        "resources": measure.resources,
        "evidence": measure.evidence,
        "difficulties": measure.difficulties,
        "transfer_potential": measure.transfer_potential,
        "funding": measure.funding,
        "website": measure.website,
        "image_alt": measure.image_alt,
        "loaded_version": measure.version,
        **links_management_form(measure.links.count()),
    }
    for index, link in enumerate(measure.links.all()):
        data.update(
            {
                f"links-{index}-id": link.pk,
                f"links-{index}-measure": measure.pk,
                f"links-{index}-title": link.title,
                f"links-{index}-url": link.url,
                f"links-{index}-position": link.position,
            }
        )
    data.update(changes)
    return data


def add_form_data(region, partner, themes, target_groups=(), **changes):
    """What the admin add form posts for a complete new measure, with `changes` applied."""
    data = {
        "title": "Digital village assistants",
        "title_local": "",
        "slug": "",
        "summary": "Volunteers help neighbours use e-services.",
        "description": "Trained volunteers hold weekly open hours in village halls.",
        "region": region.pk,
        "partner": partner.pk,
        "main_institution": "",
        "categories": [theme.pk for theme in themes],
        "target_groups": [group.pk for group in target_groups],
        "start_year": "2022",
        "end_year": "",
        "implementation": "running",
        "problem": "Older people in villages cannot reach the town offices.",
        "resources": "",
        "evidence": "",
        "difficulties": "",
        "transfer_potential": "",
        "funding": "",
        "website": "",
        "image_alt": "",
        **links_management_form(),
    }
    data.update(changes)
    return data


def links_management_form(initial=0):
    """The management forms of the change form's inlines: `initial` links, no translations."""
    return {
        "links-TOTAL_FORMS": str(initial),
        "links-INITIAL_FORMS": str(initial),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        **empty_management_form("indicators"),
        **empty_management_form("origins"),
        **empty_management_form("prerequisites"),
    }


def empty_management_form(prefix):
    """The management form of an inline that the post leaves as it is: no rows."""
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def index_counts(response):
    """State → count of the "Measures at a glance" box on the admin index."""
    html = response.content.decode()
    found = re.findall(r'\?review=(\w+)"><span class="review-summary__count">(\d+)</span>', html)
    return {state: int(count) for state, count in found}


def complete_measure(region, theme, target_group, status=Status.DRAFT, **fields):
    """A measure with everything review needs, in `status` with consistent dates."""
    now = timezone.now()
    dates = {
        "submitted_at": now if status == Status.SUBMITTED else None,
        "published_at": now if status in (Status.PUBLISHED, Status.ARCHIVED) else None,
    }
    defaults = {
        "summary": "Older people book care appointments online.",
        "description": "A municipal portal for booking home care.",
        "problem": "Phone lines are busy all morning.",
        "implementation": Measure.Implementation.RUNNING,
        **dates,
    }
    return MeasureFactory(
        region=region,
        categories=[theme],
        target_groups=[target_group],
        status=status,
        **{**defaults, **fields},
    )


def measure_maker(region_a, region_b, theme, target_group):
    """make(partner="a" or "b", status=..., **fields) → a complete measure."""

    def make(partner="a", status=Status.DRAFT, **fields):
        region = region_a if partner == "a" else region_b
        return complete_measure(region, theme, target_group, status, **fields)

    return make
