"""Who may see, edit, move and answer expert opinions, proven through real admin requests.

One table: persona × opinion state × whose opinion / whose measure → outcome,
written from the rules, not read off the code:

- an expert writes and edits their own opinion while it is a draft or sent back
  for changes, and submits it; they never see another expert's opinion;
- a coordinator publishes a submitted opinion or asks for changes; they do not
  rewrite the expert's text;
- the measure's own editors see its opinions once submitted (submitted,
  published) and may reply once; other partners' editors never see them.

`maria` (expert) wrote the opinion; `jan` (other_expert) is another expert;
the measure belongs to erika's partner (editor), not oskar's (other_editor).
"""

import pytest

from measures.models import ExpertOpinion, Measure
from measures.review import permissions
from tests.review.opinions import (
    OPINION_LIST,
    create_expert,
    make_opinion,
    opinion_fields,
    opinion_url,
)

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status
D, S, CR, P = Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.PUBLISHED
STATES = [D, S, CR, P]
ROLES = ["anonymous", "expert", "other_expert", "editor", "other_editor", "coordinator"]

# The rules, written out.
SEES = {
    "expert": {D, S, CR, P},
    "other_expert": set(),
    "editor": {S, P},
    "other_editor": set(),
    "coordinator": {D, S, CR, P},
}
EDITS_TEXT = {"expert": {D, CR}}
MOVES = {
    "expert": {(D, S), (CR, S)},
    "coordinator": {(S, P), (S, CR)},
}
REPLIES = {"editor": {S, P}}

EDITED_TEXT = "A rewritten opinion that nobody but its expert may store."


@pytest.fixture
def expert():
    return create_expert("maria")


@pytest.fixture
def other_expert():
    return create_expert("jan")


@pytest.fixture
def opinion_in(make_measure, expert):
    def make(state):
        measure = make_measure(partner="a", status=Measure.Status.PUBLISHED)
        return make_opinion(measure, expert, status=state)

    return make


def log_in(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_an_opinion(client, request, opinion_in, role, state):
    opinion = opinion_in(state)
    log_in(client, request, role)

    listing = client.get(OPINION_LIST)
    page = client.get(opinion_url(opinion))

    if role == "anonymous":
        assert "/admin/login/" in page["Location"]
        return
    sees = state in SEES[role]
    assert (opinion.expert_name in listing.content.decode()) is sees
    # Outside one's view an opinion answers as one that does not exist.
    assert page.status_code == (200 if sees else 302)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_edits_an_opinion(client, request, opinion_in, role, state):
    opinion = opinion_in(state)
    log_in(client, request, role)

    client.post(opinion_url(opinion), opinion_fields(text=EDITED_TEXT))

    opinion.refresh_from_db()
    assert (opinion.text == EDITED_TEXT) is (state in EDITS_TEXT.get(role, set()))
    assert opinion.status == state


@pytest.mark.parametrize("target", [S, CR, P])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_moves_an_opinion(client, request, opinion_in, role, state, target):
    opinion = opinion_in(state)
    log_in(client, request, role)

    client.post(
        opinion_url(opinion),
        {**opinion_fields(), "move_to": target, "comment": "Give a source for the figures."},
    )

    opinion.refresh_from_db()
    moved = (state, target) in MOVES.get(role, set())
    assert opinion.status == (target if moved else state)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_replies_to_an_opinion(client, request, opinion_in, role, state):
    opinion = opinion_in(state)
    log_in(client, request, role)

    client.post(opinion_url(opinion), {"reply": "We now publish a comparison group."})

    opinion.refresh_from_db()
    replies = state in REPLIES.get(role, set())
    assert (opinion.reply == "We now publish a comparison group.") is replies


@pytest.mark.parametrize(
    ("role", "may_add"),
    [("expert", True), ("editor", False), ("other_editor", False), ("coordinator", False)],
)
def test_only_experts_write_opinions(client, request, role, may_add):
    client.force_login(request.getfixturevalue(role))

    response = client.get(f"{OPINION_LIST}add/")

    assert response.status_code == (200 if may_add else 403)


def test_expert_writes_on_published_measures_only(client, expert, make_measure):
    published = make_measure(partner="a", status=Measure.Status.PUBLISHED)
    draft = make_measure(partner="a", status=Measure.Status.DRAFT, title="A secret draft")
    client.force_login(expert)

    form = client.get(f"{OPINION_LIST}add/").content.decode()
    refused = client.post(f"{OPINION_LIST}add/", {**opinion_fields(), "measure": draft.pk})

    assert published.title in form
    assert "A secret draft" not in form
    assert refused.status_code == 200
    assert not ExpertOpinion.objects.exists()


def test_expert_sees_no_measure_in_the_back_office(expert, make_measure):
    make_measure(partner="a", status=Measure.Status.DRAFT)

    assert not permissions.visible_measures(expert).exists()
    assert not permissions.can_create(expert)


def test_superuser_reads_and_finds_every_opinion_but_writes_none(
    client, superuser, opinion_in, expert
):
    opinion = opinion_in(D)
    client.force_login(superuser)

    found = client.get(OPINION_LIST, {"q": "Nowak"})
    page = client.get(opinion_url(opinion))
    add = client.get(f"{OPINION_LIST}add/")

    assert list(found.context["cl"].result_list) == [opinion]
    assert page.status_code == 200
    assert page.context["original"] == opinion
    assert add.status_code == 403
