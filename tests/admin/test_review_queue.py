"""What waits for review: the queue, the counts on the admin index, default filter, bulk actions."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from measures.models import Measure, MeasureRevision
from tests.staff import CHANGELIST, change_url, index_counts, messages_of

pytestmark = pytest.mark.django_db

Status = Measure.Status
QUEUE = "/admin/measures/measure/review-queue/"


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def text_of(response):
    """The page as text: tags removed, non-breaking spaces as spaces, whitespace collapsed."""
    html = response.content.decode().replace("\xa0", " ").replace("&nbsp;", " ")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def bulk(client, action, measures, url=CHANGELIST, **extra):
    data = {
        "action": action,
        "_selected_action": [measure.pk for measure in measures],
        "index": "0",
        "select_across": "0",
        **extra,
    }
    return client.post(url, data)


def statuses(*measures):
    return [Measure.objects.get(pk=measure.pk).status for measure in measures]


@pytest.fixture
def waiting(make_measure):
    """Three submitted measures of two partners, submitted at different times, and a draft."""
    return {
        "newest": make_measure("a", Status.SUBMITTED, title="Newest", submitted_at=ago(hours=2)),
        "oldest": make_measure("b", Status.SUBMITTED, title="Oldest", submitted_at=ago(days=5)),
        "middle": make_measure("a", Status.SUBMITTED, title="Middle", submitted_at=ago(days=1)),
        "draft": make_measure("a", Status.DRAFT, title="Unfinished draft"),
    }


def test_queue_lists_submitted_measures_oldest_first_with_their_waiting_time(
    client, coordinator, waiting
):
    client.force_login(coordinator)

    response = client.get(QUEUE)

    assert response.status_code == 200
    text = text_of(response)
    assert "3 measures waiting for review" in text
    assert re.search(
        r"Oldest DIBA .*? 5 days .*Middle WITENO .*? 1 day .*Newest WITENO .*? 2 hours", text
    )
    assert "Unfinished draft" not in text
    for measure in ("oldest", "middle", "newest"):
        assert change_url(waiting[measure]) in response.content.decode()


def test_queue_lists_proposed_changes_to_published_measures(
    client, coordinator, editor, make_measure
):
    published = make_measure("a", Status.PUBLISHED, title="Care by video")
    MeasureRevision.objects.create(measure=published, data={"summary": "New."}, created_by=editor)
    client.force_login(coordinator)

    text = text_of(client.get(QUEUE))

    assert "1 change to a published measure" in text
    assert re.search(r"Care by video WITENO erika", text)


@pytest.mark.parametrize(
    ("role", "status"), [("editor", 403), ("other_editor", 403), ("superuser", 200)]
)
def test_only_reviewers_open_the_queue(client, request, waiting, role, status):
    client.force_login(request.getfixturevalue(role))

    assert client.get(QUEUE).status_code == status


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={QUEUE}"


@pytest.fixture
def catalogue(make_measure):
    """Partner A: 2 drafts, 1 submitted, 1 published. Partner B: 3 drafts, 1 archived."""
    for state in [Status.DRAFT, Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED]:
        make_measure("a", state)
    for state in [Status.DRAFT, Status.DRAFT, Status.DRAFT, Status.ARCHIVED]:
        make_measure("b", state)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "editor",
            {"draft": 2, "submitted": 1, "changes_requested": 0, "published": 1, "archived": 0},
        ),
        (
            "other_editor",
            {"draft": 3, "submitted": 0, "changes_requested": 0, "published": 0, "archived": 1},
        ),
        (
            "coordinator",
            {"draft": 5, "submitted": 1, "changes_requested": 0, "published": 1, "archived": 1},
        ),
    ],
)
def test_admin_index_counts_the_measures_the_person_may_see(
    client, request, catalogue, role, expected
):
    client.force_login(request.getfixturevalue(role))

    response = client.get("/admin/")

    assert index_counts(response) == expected


def test_admin_index_offers_the_queue_to_coordinators_only(client, coordinator, editor):
    client.force_login(coordinator)
    assert QUEUE in client.get("/admin/").content.decode()

    client.force_login(editor)
    assert QUEUE not in client.get("/admin/").content.decode()


def test_pending_changes_are_counted_for_their_partner_only(
    client, editor, other_editor, make_measure
):
    published = make_measure("a", Status.PUBLISHED)
    MeasureRevision.objects.create(measure=published, data={"summary": "New."}, created_by=editor)

    client.force_login(editor)
    assert "1 changes to published measures waiting" in text_of(client.get("/admin/"))
    client.force_login(other_editor)
    assert "0 changes to published measures waiting" in text_of(client.get("/admin/"))


def test_coordinators_changelist_starts_at_needs_review(
    client, coordinator, editor, waiting, make_measure
):
    revised = make_measure("b", Status.PUBLISHED, title="Revised online measure")
    make_measure("b", Status.PUBLISHED, title="Untouched online measure")
    MeasureRevision.objects.create(measure=revised, data={"summary": "New."}, created_by=editor)
    client.force_login(coordinator)

    response = client.get(CHANGELIST)

    listed = {measure.title for measure in response.context["cl"].result_list}
    assert listed == {"Oldest", "Middle", "Newest", "Revised online measure"}
    filters = {
        choice["display"]: choice["selected"]
        for spec in response.context["cl"].filter_specs
        if spec.title == "review state"
        for choice in spec.choices(response.context["cl"])
    }
    assert filters["Needs review"] is True


def test_editors_changelist_starts_with_all_their_measures(client, editor, waiting):
    client.force_login(editor)

    response = client.get(CHANGELIST)

    listed = {measure.title for measure in response.context["cl"].result_list}
    assert listed == {"Newest", "Middle", "Unfinished draft"}


def test_coordinator_publishes_several_measures_at_once(client, coordinator, waiting):
    client.force_login(coordinator)

    response = bulk(client, "publish_selected", [waiting["oldest"], waiting["newest"]])

    assert response.status_code == 302
    assert "2 measures are now published." in messages_of(response)
    assert statuses(waiting["oldest"], waiting["newest"], waiting["middle"]) == [
        Status.PUBLISHED,
        Status.PUBLISHED,
        Status.SUBMITTED,
    ]
    assert waiting["oldest"].transitions.get().user == coordinator


def test_bulk_publish_skips_measures_whose_state_does_not_allow_it_and_says_so(
    client, coordinator, waiting
):
    client.force_login(coordinator)

    response = bulk(
        client,
        "publish_selected",
        [waiting["middle"], waiting["draft"]],
        url=f"{CHANGELIST}?review=all",
    )

    assert response.status_code == 302
    assert messages_of(response) == [
        "1 measure is now published.",
        "Left unchanged because their state does not allow it: Unfinished draft",
    ]
    assert statuses(waiting["middle"], waiting["draft"]) == [Status.PUBLISHED, Status.DRAFT]
    assert not waiting["draft"].transitions.exists()


def test_coordinator_archives_several_published_measures(client, coordinator, make_measure):
    online = [make_measure("a", Status.PUBLISHED), make_measure("b", Status.PUBLISHED)]
    client.force_login(coordinator)

    response = bulk(client, "archive_selected", online, url=f"{CHANGELIST}?review=published")

    assert "2 measures are now archived." in messages_of(response)
    assert statuses(*online) == [Status.ARCHIVED, Status.ARCHIVED]


def test_bulk_request_for_changes_asks_for_a_reason_first(client, coordinator, waiting):
    client.force_login(coordinator)
    selected = [waiting["oldest"], waiting["middle"]]

    response = bulk(client, "request_changes_selected", selected)

    assert response.status_code == 200
    text = text_of(response)
    assert "What should change" in text
    assert "Oldest" in text
    assert "Middle" in text
    assert statuses(*selected) == [Status.SUBMITTED, Status.SUBMITTED]


def test_bulk_request_for_changes_without_a_reason_shows_an_error(client, coordinator, waiting):
    client.force_login(coordinator)
    selected = [waiting["oldest"], waiting["middle"]]

    response = bulk(client, "request_changes_selected", selected, reason="  ")

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert "This field is required." in text_of(response)
    assert statuses(*selected) == [Status.SUBMITTED, Status.SUBMITTED]


def test_bulk_request_for_changes_sends_measures_back_with_the_reason(client, coordinator, waiting):
    client.force_login(coordinator)
    selected = [waiting["oldest"], waiting["middle"]]

    response = bulk(
        client, "request_changes_selected", selected, reason="Add the evidence of success."
    )

    assert response.status_code == 302
    assert "2 measures are now changes requested." in messages_of(response)
    assert statuses(*selected) == [Status.CHANGES_REQUESTED, Status.CHANGES_REQUESTED]
    assert [measure.transitions.get().comment for measure in selected] == [
        "Add the evidence of success.",
        "Add the evidence of success.",
    ]
