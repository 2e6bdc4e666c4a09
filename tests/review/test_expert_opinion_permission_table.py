"""Who may see, edit, move and answer expert opinions, proven through real admin requests.

One table: persona × opinion state × whose opinion / whose measure → outcome,
written from the rules, not read off the code:

- an expert writes and edits their own opinion while it is a draft or sent back
  for changes, and submits it; they never see another expert's opinion;
- a coordinator publishes a submitted opinion or asks for changes; they do not
  rewrite the expert's text;
- the measure's own editors see its opinions once submitted (submitted,
  published) and may reply once; other partners' editors never see them;
- an expert who is also a member of the measure's partner (a membership given
  in the back office, which `create_staff_user` refuses) gives no opinion on it:
  they are offered none of its measures, and cannot edit, submit or reply to an
  opinion of theirs on it; on another partner's measure they are an expert as any.

`maria` (expert) wrote the opinion; `jan` (other_expert) is another expert;
the measure belongs to erika's partner (editor), not oskar's (other_editor).
"""

import pytest

from measures.models import ExpertOpinion, Measure
from measures.review import permissions
from partners.models import Membership
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


# An expert who is a member of the measure's partner


@pytest.fixture
def partner_expert(partner_a):
    """pia, an expert who is also an editor of partner A (erika's)."""
    pia = create_expert("pia")
    Membership.objects.create(user=pia, partner=partner_a, role=Membership.Role.EDITOR)
    return pia


@pytest.mark.parametrize(("partner", "may_write"), [("a", False), ("b", True)])
def test_expert_writes_on_other_partners_measures_only(
    client, partner_expert, make_measure, partner, may_write
):
    measure = make_measure(partner=partner, status=Measure.Status.PUBLISHED, title="The measure")
    client.force_login(partner_expert)

    form = client.get(f"{OPINION_LIST}add/").content.decode()
    response = client.post(f"{OPINION_LIST}add/", {**opinion_fields(), "measure": measure.pk})

    assert permissions.can_write_opinion_on(partner_expert, measure) is may_write
    assert ("The measure" in form) is may_write
    assert ExpertOpinion.objects.filter(measure=measure).exists() is may_write
    if not may_write:
        assert response.status_code == 200
        assert "measure" in response.context["adminform"].form.errors


@pytest.fixture
def own_partners_opinion_in(make_measure, partner_expert):
    """An opinion pia wrote on a measure of her own partner before the rule held."""

    def make(state):
        measure = make_measure(partner="a", status=Measure.Status.PUBLISHED)
        return make_opinion(measure, partner_expert, status=state)

    return make


@pytest.mark.parametrize("state", STATES)
def test_expert_edits_no_opinion_on_own_partners_measure(
    client, partner_expert, own_partners_opinion_in, state
):
    opinion = own_partners_opinion_in(state)
    client.force_login(partner_expert)

    client.post(opinion_url(opinion), {**opinion_fields(text=EDITED_TEXT), "move_to": S})

    opinion.refresh_from_db()
    assert opinion.text != EDITED_TEXT
    assert opinion.status == state


@pytest.mark.parametrize("state", STATES)
def test_expert_replies_to_no_opinion_of_their_own(
    client, partner_expert, own_partners_opinion_in, state
):
    opinion = own_partners_opinion_in(state)
    client.force_login(partner_expert)

    client.post(opinion_url(opinion), {"reply": "We now publish a comparison group."})

    opinion.refresh_from_db()
    assert opinion.reply == ""
    assert not permissions.can_reply_to_opinion(partner_expert, opinion)


@pytest.mark.parametrize("state", [S, P])
def test_the_partners_other_editors_still_reply_to_such_an_opinion(
    client, editor, own_partners_opinion_in, state
):
    opinion = own_partners_opinion_in(state)
    client.force_login(editor)

    client.post(opinion_url(opinion), {"reply": "We now publish a comparison group."})

    opinion.refresh_from_db()
    assert opinion.reply == "We now publish a comparison group."
