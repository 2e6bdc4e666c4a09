"""Who may see, edit and move which measure, proven through real admin requests.

One table: persona × measure state × the measure's partner × admin action →
expected outcome. The expectations are written from the rules of the issue,
not read off the code:

- editors create measures only for their own partners, edit them in draft and
  "changes requested", propose changes to published ones, and submit; they
  never publish;
- coordinators (and superusers) do everything on every measure;
- editors never see other partners' measures anywhere in the admin: for them
  such a measure answers exactly as a measure that does not exist;
- experts (the group Experts, of no partner) write opinions and nothing else: they
  open no list of measures, count none, and every measure answers them exactly as
  one that does not exist; they create, change, move and publish none;
- the states move draft → submitted → published; submitted → changes
  requested → submitted; published → archived → published.

`erika` (editor) works for partner A, `oskar` (other_editor) for partner B; so
a measure of partner A is erika's own and another partner's for oskar. `maria`
(expert) is made as an operator makes an expert, with `create_staff_user --role expert`.
"""

import pytest
from django.test import Client

from measures.models import Measure, MeasureRevision, MeasureTransition
from measures.review import permissions
from tests.review.opinions import create_expert
from tests.staff import (
    CHANGELIST,
    add_form_data,
    change_form_data,
    change_url,
    form_errors,
    index_counts,
    messages_of,
    transition_url,
)

pytestmark = pytest.mark.django_db

Status = Measure.Status
D, S, CR, P, A = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.CHANGES_REQUESTED,
    Status.PUBLISHED,
    Status.ARCHIVED,
)

ROLES = ["anonymous", "editor", "other_editor", "coordinator", "superuser", "expert"]
PARTNERS = ["a", "b"]
HOME_PARTNER = {"editor": "a", "other_editor": "b"}

# The rules, written out.
WORKFLOW = {(D, S), (S, P), (S, CR), (CR, S), (P, A), (A, P)}
EDITOR_MOVES = {(D, S), (CR, S)}

# How a persona stands to a measure.
ANONYMOUS, OUTSIDER, OWNER, REVIEWER = "anonymous", "outsider", "owner", "reviewer"
# Signed in to the back office, but for expert opinions only: no measure is theirs to see.
EXPERT = "expert"


@pytest.fixture
def expert():
    return create_expert("maria")


def standing(role, partner):
    if role == "anonymous":
        return ANONYMOUS
    if role == "expert":
        return EXPERT
    if role in ("coordinator", "superuser"):
        return REVIEWER
    return OWNER if HOME_PARTNER[role] == partner else OUTSIDER


# Outcomes (see `check` for what each one asserts).
LOGIN = "302 to the login page, nothing changed"
# Another partner's measure answers exactly as a measure that does not exist:
# Django's own views redirect to the admin index (the delete view first asks
# whether the person may delete measures in general, so editors get 403 for
# every measure that is not their own draft, existing or not); the workflow
# views answer 404.
MISSING_302 = "as a missing measure: 302 to the admin index, nothing changed"
MISSING_403 = "as a missing measure: 403, nothing changed"
MISSING_404 = "as a missing measure: 404, nothing changed"
FORBIDDEN = "403, nothing changed"
OK = "200, nothing changed"
SHOWN = "200 and the measure is listed or counted"
HIDDEN = "200 and the measure is neither listed nor counted"
EDITABLE = "200 with a save button"
READ_ONLY = "200 without a save button"
SAVED = "302 and the edit is stored"
PROPOSED = "302 and the edit waits as a revision; the stored text is unchanged"
MOVED = "302 and the state changed, recorded once"
REFUSED = "302 back to the change page with an error, state unchanged"
SKIPPED = "302 to the changelist saying the measure was left unchanged"
NO_ACTION = "200, the action is not offered, state unchanged"

# An expert may not open the list of measures at all (403), sees no measure counted on
# the admin index, and meets every measure as one that does not exist.
EXPECTED = {
    "changelist": {OUTSIDER: HIDDEN, OWNER: SHOWN, REVIEWER: SHOWN, EXPERT: FORBIDDEN},
    "changelist_search": {OUTSIDER: HIDDEN, OWNER: SHOWN, REVIEWER: SHOWN, EXPERT: FORBIDDEN},
    "index_counts": {OUTSIDER: HIDDEN, OWNER: SHOWN, REVIEWER: SHOWN, EXPERT: HIDDEN},
    "change_get": {
        EXPERT: MISSING_403,
        OUTSIDER: MISSING_302,
        OWNER: {D: EDITABLE, S: READ_ONLY, CR: EDITABLE, P: EDITABLE, A: READ_ONLY},
        REVIEWER: EDITABLE,
    },
    "change_post": {
        EXPERT: MISSING_403,
        OUTSIDER: MISSING_302,
        OWNER: {D: SAVED, S: FORBIDDEN, CR: SAVED, P: PROPOSED, A: FORBIDDEN},
        REVIEWER: SAVED,
    },
    "history": {OUTSIDER: MISSING_404, OWNER: OK, REVIEWER: OK, EXPERT: MISSING_404},
    "old_version_get": {OUTSIDER: MISSING_404, OWNER: OK, REVIEWER: OK, EXPERT: MISSING_404},
    # Old versions are for reading: a revert would write an old state and text
    # onto the measure past the workflow (no transition, no revision, no review).
    "old_version_revert_post": {
        OUTSIDER: MISSING_404,
        OWNER: FORBIDDEN,
        REVIEWER: FORBIDDEN,
        EXPERT: MISSING_404,
    },
    "compare": {OUTSIDER: MISSING_404, OWNER: OK, REVIEWER: OK, EXPERT: MISSING_404},
    "delete_get": {
        EXPERT: MISSING_403,
        OUTSIDER: MISSING_403,
        OWNER: {D: OK, S: FORBIDDEN, CR: FORBIDDEN, P: FORBIDDEN, A: FORBIDDEN},
        REVIEWER: OK,
    },
}
TRANSITION_ACTIONS = {f"transition_to_{target}": target for target in Status}
BULK_ACTIONS = {
    "bulk_publish_selected": ("publish_selected", P),
    "bulk_archive_selected": ("archive_selected", A),
    "bulk_request_changes_selected": ("request_changes_selected", CR),
}
ACTIONS = [*EXPECTED, *TRANSITION_ACTIONS, *BULK_ACTIONS]


def expected(action, who, state):
    if who == ANONYMOUS:
        return LOGIN
    if action in TRANSITION_ACTIONS:
        move = (state, TRANSITION_ACTIONS[action])
        return {
            EXPERT: MISSING_404,
            OUTSIDER: MISSING_404,
            OWNER: MOVED if move in EDITOR_MOVES else REFUSED,
            REVIEWER: MOVED if move in WORKFLOW else REFUSED,
        }[who]
    if action in BULK_ACTIONS:
        if who == EXPERT:
            # The action bar is the list's, which an expert may not open.
            return FORBIDDEN
        if who != REVIEWER:
            return NO_ACTION
        return MOVED if (state, BULK_ACTIONS[action][1]) in WORKFLOW else SKIPPED
    outcome = EXPECTED[action][who]
    return outcome[state] if isinstance(outcome, dict) else outcome


# The requests, as a browser would send them.

EDITED_SUMMARY = "An edited summary, saved from the admin form."


def send(client, action, measure):
    if action == "changelist":
        return client.get(CHANGELIST, {"review": "all"})
    if action == "changelist_search":
        return client.get(CHANGELIST, {"review": "all", "q": measure.title})
    if action == "index_counts":
        return client.get("/admin/")
    if action == "change_get":
        return client.get(change_url(measure))
    if action == "change_post":
        return client.post(change_url(measure), change_form_data(measure, summary=EDITED_SUMMARY))
    if action == "history":
        return client.get(f"/admin/measures/measure/{measure.pk}/history/")
    if action == "old_version_get":
        old, _new = two_versions(measure)
        return client.get(f"/admin/measures/measure/{measure.pk}/history/{old}/")
    if action == "old_version_revert_post":
        old, _new = two_versions(measure)
        return client.post(
            f"/admin/measures/measure/{measure.pk}/history/{old}/",
            change_form_data(measure, summary=EDITED_SUMMARY),
        )
    if action == "compare":
        old, new = two_versions(measure)
        return client.get(
            f"/admin/measures/measure/{measure.pk}/history/compare/", {"old": old, "new": new}
        )
    if action == "delete_get":
        return client.get(f"/admin/measures/measure/{measure.pk}/delete/")
    if action in TRANSITION_ACTIONS:
        return client.post(
            transition_url(measure),
            {"to_status": TRANSITION_ACTIONS[action], "comment": "Please check the figures."},
        )
    name, _target = BULK_ACTIONS[action]
    # The action bar posts to the page it is on: here the "All" filter.
    return client.post(f"{CHANGELIST}?review=all", bulk_data(name, measure))


def bulk_data(action, *measures):
    data = {
        "action": action,
        "_selected_action": [measure.pk for measure in measures],
        "index": "0",
        "select_across": "0",
    }
    if action == "request_changes_selected":
        data["reason"] = "Please check the figures."
    return data


def two_versions(measure):
    """The history ids of the measure's first two saved versions (made-up ones if it has none)."""
    ids = list(measure.history.order_by("history_date").values_list("history_id", flat=True))
    return [*ids, 1, 2][:2]


def snapshot(measure):
    stored = Measure.objects.get(pk=measure.pk)
    return {
        "status": stored.status,
        "summary": stored.summary,
        "version": stored.version,
        "transitions": MeasureTransition.objects.filter(measure=measure).count(),
        "revisions": MeasureRevision.objects.filter(measure=measure).count(),
    }


def check(outcome, response, action, measure, before, user):
    after = snapshot(measure)
    html = response.content.decode() if response.status_code == 200 else ""
    location = response.get("Location", "")

    if outcome == LOGIN:
        assert response.status_code == 302
        assert location.startswith("/admin/login/?next=")
    elif outcome in (MISSING_302, MISSING_403, MISSING_404):
        expected_status = {MISSING_302: 302, MISSING_403: 403, MISSING_404: 404}[outcome]
        assert response.status_code == expected_status
        if outcome == MISSING_302:
            assert location == "/admin/"
        assert_answers_as_if_missing(response, action, measure, user)
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    elif outcome == NO_ACTION:
        assert response.status_code == 200
        assert response.context["action_form"] is None
    elif outcome in (OK, EDITABLE, READ_ONLY):
        assert response.status_code == 200
        if outcome == EDITABLE:
            assert 'name="_save"' in html
        if outcome == READ_ONLY:
            assert 'name="_save"' not in html
    elif outcome in (SHOWN, HIDDEN):
        assert response.status_code == 200
        shown = outcome == SHOWN
        if action == "index_counts":
            # A person who works on no measure is shown no box of counts at all.
            assert index_counts(response).get(measure.status, 0) == (1 if shown else 0)
        else:
            assert (change_url(measure) in html) is shown
            assert response.context["cl"].result_count == (1 if shown else 0)
            assert response.context["cl"].full_result_count == (1 if shown else 0)
        if action == "changelist":
            assert (measure.title in html) is shown
    elif outcome == SAVED:
        assert response.status_code == 302, form_errors(response)
        assert after["summary"] == EDITED_SUMMARY
        assert after["version"] == before["version"] + 1
        assert after["status"] == before["status"]
        assert after["revisions"] == 0
        return
    elif outcome == PROPOSED:
        assert response.status_code == 302, form_errors(response)
        assert after == {**before, "revisions": 1}
        revision = MeasureRevision.objects.get(measure=measure)
        assert revision.status == MeasureRevision.Status.PENDING
        assert revision.data["summary"] == EDITED_SUMMARY
        return
    elif outcome == MOVED:
        assert response.status_code == 302
        target = (
            TRANSITION_ACTIONS[action] if action in TRANSITION_ACTIONS else BULK_ACTIONS[action][1]
        )
        assert after["status"] == target
        record = MeasureTransition.objects.get(measure=measure)
        assert (record.from_status, record.to_status, record.user) == (
            before["status"],
            target,
            user,
        )
        return
    elif outcome == REFUSED:
        assert response.status_code == 302
        assert location == change_url(measure)
        assert messages_of(response, "error")
        assert not messages_of(response, "success")
    elif outcome == SKIPPED:
        assert response.status_code == 302
        assert messages_of(response, "warning") == [
            f"Left unchanged because their state does not allow it: {measure.title}"
        ]
    else:
        raise AssertionError(f"unknown outcome {outcome!r}")
    assert after == before, "nothing may change"


def assert_answers_as_if_missing(response, action, measure, user):
    """The same status, redirect and messages as for a measure that does not exist."""
    missing = Measure.objects.get(pk=measure.pk)
    missing.pk = Measure.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    client = Client()
    client.force_login(user)

    answer = send(client, action, missing)

    assert response.status_code == answer.status_code
    assert response.get("Location") == answer.get("Location")
    assert messages_of(response) == [
        text.replace(str(missing.pk), str(measure.pk)) for text in messages_of(answer)
    ]


def partners_to_try(role):
    """The partners whose measures `role` meets in the table.

    An editor stands differently to its own partner's measure and to another's,
    so both. Anonymous visitors, coordinators, superusers and experts have no partner
    of their own: a measure of partner A is to them what one of partner B is, so one
    partner each (the reviewers one each, so both partners' measures are moved).
    """
    one_partner = {"anonymous": ["a"], "coordinator": ["a"], "superuser": ["b"], "expert": ["b"]}
    return one_partner.get(role, PARTNERS)


CASES = [
    pytest.param(
        role,
        state,
        partner,
        action,
        expected(action, standing(role, partner), state),
        id=f"{role}-{state}-partner_{partner}-{action}",
    )
    for role in ROLES
    for state in Status
    for partner in partners_to_try(role)
    for action in ACTIONS
]


@pytest.mark.parametrize(("role", "state", "partner", "action", "outcome"), CASES)
def test_admin_answers_as_the_rules_say(
    client, request, make_measure, role, state, partner, action, outcome
):
    user = request.getfixturevalue(role)
    measure = make_measure(partner=partner, status=state)
    measure.save()  # a second saved version, for the compare view
    if user is not None:
        client.force_login(user)
    before = snapshot(measure)

    response = send(client, action, measure)

    check(outcome, response, action, measure, before, user)


# The helper on its own: every (role, from, to, own/other) combination.


def may_move(role, from_state, to_state, partner):
    who = standing(role, partner)
    if who == REVIEWER:
        return (from_state, to_state) in WORKFLOW
    if who == OWNER:
        return (from_state, to_state) in EDITOR_MOVES
    return False


@pytest.mark.parametrize("role", ROLES)
def test_can_transition_follows_the_rules(request, partner_a, partner_b, role):
    """Every (from, to, partner) for one persona; a failure lists the combinations that differ."""
    user = request.getfixturevalue(role)
    partners = {"a": partner_a, "b": partner_b}

    allowed = {
        (from_state, to_state, partner): permissions.can_transition(
            user, Measure(status=from_state, partner=partners[partner]), to_state
        )
        for from_state in Status
        for to_state in Status
        for partner in PARTNERS
    }

    assert allowed == {combination: may_move(role, *combination) for combination in allowed}


# Creating measures, and the fields that decide ownership and state.

CREATE_CASES = [
    ("anonymous", "a", "login"),
    ("editor", "a", "created"),
    ("editor", "b", "refused"),
    ("other_editor", "a", "refused"),
    ("other_editor", "b", "created"),
    ("coordinator", "a", "created"),
    ("superuser", "b", "created"),
    ("expert", "a", "forbidden"),
]


@pytest.mark.parametrize(("role", "partner", "outcome"), CREATE_CASES)
def test_who_creates_measures_for_which_partner(
    client, request, region_a, region_b, theme, target_group, role, partner, outcome
):
    user = request.getfixturevalue(role)
    owner = request.getfixturevalue(f"partner_{partner}")
    region = region_a if partner == "a" else region_b
    if user is not None:
        client.force_login(user)

    response = client.post(
        "/admin/measures/measure/add/", add_form_data(region, owner, [theme], [target_group])
    )

    created = Measure.objects.filter(title="Digital village assistants").first()
    if outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert created is None
    elif outcome == "forbidden":
        assert response.status_code == 403
        assert created is None
    elif outcome == "refused":
        assert response.status_code == 200
        assert "partner" in form_errors(response)
        assert created is None
    else:
        assert response.status_code == 302, form_errors(response)
        assert created.partner == owner
        assert created.status == Status.DRAFT
        assert created.created_by == user


def test_editor_is_not_offered_other_partners_on_the_add_form(client, editor, partner_b):
    client.force_login(editor)

    response = client.get("/admin/measures/measure/add/")

    offered = response.context["adminform"].form.fields["partner"].queryset
    assert list(offered.values_list("slug", flat=True)) == ["witeno"]


def test_editor_cannot_hand_own_measure_to_another_partner(client, editor, partner_b, make_measure):
    measure = make_measure(partner="a", status=Status.DRAFT)
    client.force_login(editor)

    response = client.post(change_url(measure), change_form_data(measure, partner=partner_b.pk))

    assert response.status_code == 200
    assert "partner" in form_errors(response)
    measure.refresh_from_db()
    assert measure.partner.slug == "witeno"


@pytest.mark.parametrize("state", [D, CR])
def test_editor_cannot_publish_own_measure_by_posting_the_state(
    client, editor, make_measure, state
):
    measure = make_measure(partner="a", status=state)
    client.force_login(editor)

    response = client.post(
        change_url(measure), change_form_data(measure, status=P, published_at="2024-01-01")
    )

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == state
    assert measure.published_at is None


def test_editor_cannot_publish_own_submitted_measure(client, editor, make_measure):
    measure = make_measure(partner="a", status=S)
    client.force_login(editor)

    client.post(transition_url(measure), {"to_status": P})
    client.post(f"{CHANGELIST}?review=all", bulk_data("publish_selected", measure))

    measure.refresh_from_db()
    assert measure.status == S
    assert not MeasureTransition.objects.exists()


def test_editor_is_offered_no_bulk_action(client, editor, make_measure):
    make_measure(partner="a", status=D)
    client.force_login(editor)

    response = client.get(CHANGELIST)

    assert response.context["action_form"] is None


# The expert and the measures, asked of the permission module itself.


@pytest.mark.parametrize("state", Status)
def test_permission_module_lets_an_expert_do_nothing_with_a_measure(expert, make_measure, state):
    measure = make_measure(partner="a", status=state)

    answers = {
        "can_view": permissions.can_view(expert, measure),
        "can_preview": permissions.can_preview(expert, measure),
        "can_edit": permissions.can_edit(expert, measure),
        "can_propose_revision": permissions.can_propose_revision(expert, measure),
        "can_change_form": permissions.can_change_form(expert, measure),
        "can_delete": permissions.can_delete(expert, measure),
        "can_confirm_current": permissions.can_confirm_current(expert, measure),
        "can_create_for": permissions.can_create_for(expert, measure.partner),
        "allowed_transitions": permissions.allowed_transitions(expert, measure),
        "visible": list(permissions.visible_measures(expert)),
    }

    assert answers == {
        "can_view": False,
        "can_preview": False,
        "can_edit": False,
        "can_propose_revision": False,
        "can_change_form": False,
        "can_delete": False,
        "can_confirm_current": False,
        "can_create_for": False,
        "allowed_transitions": [],
        "visible": [],
    }


def test_permission_module_gives_an_expert_no_part_in_the_review(expert):
    assert not permissions.can_create(expert)
    assert not permissions.can_review(expert)
    assert not permissions.can_review_explorations(expert)
    assert not permissions.is_coordinator(expert)
    assert not permissions.works_on_measures(expert)
    assert permissions.own_partner_ids(expert) == frozenset()
    assert permissions.is_expert(expert)


def test_an_expert_holds_permissions_on_expert_opinions_only(expert):
    # The admin shows a model to whoever holds a permission on it: one permission on
    # measures, their parts or their reviews would open a page the rules keep closed.
    held = expert.get_all_permissions()

    assert held
    assert {permission.rsplit("_", 1)[1] for permission in held} == {"expertopinion"}
