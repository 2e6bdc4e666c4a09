"""A populated catalogue for the data-safety tests, and the public pages it is compared by.

The seed fixtures (the list `make seed` loads, read from the Makefile so the two
never drift apart), plus what a running catalogue has beyond them: a draft sent
back once with a reason, a submitted measure, an archived one, a pending
revision of a published measure, and the history records all of that leaves.
"""

import re
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from measures.models import Measure, MeasureRevision, MeasureTransition, Region
from measures.review import workflow
from partners.models import Partner
from tests.staff import create_staff_user

ROOT = Path(__file__).resolve().parents[2]
Status = Measure.Status


def seed_fixtures():
    found = re.search(r"^SEED := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    return found.group(1).split()


def populate():
    """Load the seed and add work in progress; returns the slugs the page list needs."""
    call_command("loaddata", *seed_fixtures(), verbosity=0)
    published = list(Measure.objects.published().order_by("pk"))
    partner = published[0].partner
    editor = create_staff_user("erika", partner, "editor")
    coordinator = create_staff_user(
        "cora", Partner.objects.exclude(pk=partner.pk)[0], "coordinator"
    )

    def draft(title, **fields):
        measure = Measure(
            title=title,
            summary="Volunteers help neighbours use the municipality's e-services.",
            description="Weekly open hours in village halls, with tablets to borrow.",
            problem="Older people in villages cannot reach the town offices.",
            region=published[0].region,
            partner=partner,
            start_year=2023,
            implementation=Measure.Implementation.RUNNING,
            created_by=editor,
            updated_by=editor,
            **fields,
        )
        measure.save()
        measure.categories.set(published[0].categories.all())
        measure.target_groups.set(published[0].target_groups.all())
        return measure

    sent_back = draft("Digital village assistants")
    workflow.transition(sent_back, Status.SUBMITTED, editor)
    workflow.transition(sent_back, Status.CHANGES_REQUESTED, coordinator, "Add the 2024 figures.")
    sent_back.summary = "Volunteers help neighbours use e-services; 240 visits in 2024."
    sent_back.save()

    waiting = draft("Tablet lending at the library")
    workflow.transition(waiting, Status.SUBMITTED, editor)

    archived = published[-1]
    workflow.transition(archived, Status.ARCHIVED, coordinator, "The project ended.")

    revised = next(m for m in published if m.partner_id == partner.pk and m != archived)
    workflow.propose_revision(
        revised,
        {**workflow.current_values(revised), "summary": "A summary the editor proposes."},
        editor,
    )
    assert MeasureTransition.objects.count() == 4
    assert MeasureRevision.objects.filter(status=MeasureRevision.Status.PENDING).count() == 1

    shown = [m for m in published if m != archived]
    return {
        "details": [m.slug for m in shown[:3]] + [revised.slug],
        "archived": archived.slug,
        "regions": list(Region.objects.order_by("slug").values_list("slug", flat=True)),
        "theme": shown[0].categories.all()[0].slug,
        "partner": partner.slug,
    }


def public_paths(found):
    paths = [
        "/en/",
        "/de/",
        "/en/measures/",
        "/en/measures/?page=2",
        "/en/measures/?q=care",
        "/de/measures/?q=digital",
        f"/en/measures/?region={found['regions'][0]}&sort=title",
        "/en/regions/",
        "/en/themes/",
        f"/en/themes/{found['theme']}/",
        f"/en/partners/{found['partner']}/",
        "/en/measures/export.csv",
        "/api/measures/",
        "/sitemap-measures.xml",
        f"/en/measures/{found['archived']}/",
    ]
    paths += [f"/en/measures/{slug}/" for slug in found["details"]]
    paths += [f"/de/measures/{found['details'][0]}/"]
    paths += [f"/en/regions/{slug}/" for slug in found["regions"]]
    return paths


# What legitimately differs between two renderings of one page: nothing here yet
# carries a CSRF token or a nonce, but a page that one day does must not make
# these tests fail for it.
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken"'),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
]


def normalised(content):
    text = content.decode("utf-8", errors="replace")
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def render_pages(paths):
    """Path → (status, normalised body) as an anonymous visitor gets them."""
    visitor = Client()
    pages = {}
    for path in paths:
        response = visitor.get(path)
        pages[path] = (response.status_code, normalised(body(response)))
    return pages
