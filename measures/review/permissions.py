"""Who may see, edit and move which measure: the one place that answers it.

Roles come from `partners.Membership`:

- an *editor* works on the measures of the partners they are a member of:
  creates them, edits them while they are drafts or sent back for changes,
  proposes changes to published ones, and submits them for review;
- a *coordinator* reviews and edits every measure of every partner;
- a superuser may do everything.

An *expert* belongs to no partner: they are in the group `groups.EXPERTS`
(independent people, so no partner's membership fits them) and write opinions
on published measures (`ExpertOpinion`), which coordinators publish.
`create_staff_user` makes nobody both; should a membership be given to an
expert in the back office, they still give no opinion on a measure of a partner
they are a member of, and never reply to their own.

The admin and every view ask the functions below; nothing else decides.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django_otp import devices_for_user

from measures.models import ExpertOpinion, Measure
from measures.review.groups import EXPERTS
from partners.models import Membership

Status = Measure.Status

# Every move between publication states, and who may make it.
EDITOR_TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED),
    (Status.CHANGES_REQUESTED, Status.SUBMITTED),
}
COORDINATOR_TRANSITIONS = EDITOR_TRANSITIONS | {
    (Status.SUBMITTED, Status.PUBLISHED),
    (Status.SUBMITTED, Status.CHANGES_REQUESTED),
    (Status.PUBLISHED, Status.ARCHIVED),
    (Status.ARCHIVED, Status.PUBLISHED),
}
# States in which an editor changes the measure itself; in PUBLISHED their
# changes become a pending revision instead.
EDITOR_EDITABLE_STATES = {Status.DRAFT, Status.CHANGES_REQUESTED}


@dataclass(frozen=True)
class Role:
    """What one user is, read once per request from their memberships."""

    is_superuser: bool
    is_coordinator: bool
    partner_ids: frozenset
    # Every partner the user is a member of, in any role.
    member_of: frozenset = frozenset()

    @property
    def reviews_everything(self):
        return self.is_superuser or self.is_coordinator

    @property
    def is_staff_member(self):
        return self.reviews_everything or bool(self.partner_ids)


ANONYMOUS = Role(is_superuser=False, is_coordinator=False, partner_ids=frozenset())


def role_of(user):
    """The user's role, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_next2met_role", None)
    if cached is not None:
        return cached
    memberships = list(Membership.objects.filter(user=user).values_list("partner_id", "role"))
    role = Role(
        is_superuser=user.is_superuser,
        is_coordinator=any(r == Membership.Role.COORDINATOR for _, r in memberships),
        partner_ids=frozenset(
            partner_id for partner_id, r in memberships if r == Membership.Role.EDITOR
        ),
        member_of=frozenset(partner_id for partner_id, _r in memberships),
    )
    user._next2met_role = role
    return role


def visible_measures(user, queryset=None):
    """The measures the user may see in the back office."""
    queryset = Measure.objects.all() if queryset is None else queryset
    role = role_of(user)
    if role.reviews_everything:
        return queryset
    if role.partner_ids:
        return queryset.filter(partner_id__in=role.partner_ids)
    return queryset.none()


def origin_choices(user):
    """The measures a user may name as the origin of a measure (`Lineage.origin`).

    Those they may see in the back office, and every published one.
    """
    return visible_measures(user) | Measure.objects.published()


def partner_filter(user, field="partner"):
    """A Q that limits any model with a partner relation to the user's partners."""
    role = role_of(user)
    if role.reviews_everything:
        return Q()
    return Q(**{f"{field}__in": role.partner_ids})


def is_own(user, measure):
    return measure.partner_id in role_of(user).partner_ids


def can_view(user, measure):
    role = role_of(user)
    return role.reviews_everything or is_own(user, measure)


def must_pass_second_step(user):
    """Must the user pass the second sign-in step before the back office opens?

    Everyone who has confirmed an authenticator app must, and coordinators must
    while N2M_REQUIRE_2FA_FOR_COORDINATORS is on (they set an app up first).
    """
    return has_authenticator(user) or (
        settings.N2M_REQUIRE_2FA_FOR_COORDINATORS and is_coordinator(user)
    )


def has_authenticator(user):
    """Has the user confirmed an authenticator app? Asked of the database once per request."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_n2m_has_device"):
        user._n2m_has_device = next(devices_for_user(user, confirmed=True), None) is not None
    return user._n2m_has_device


def is_fully_signed_in(user):
    """Is the user an active staff member who has passed every sign-in step asked of them?

    A password alone is not enough for someone who must pass the second step:
    until they do, they are a visitor everywhere, the admin and the previews alike.
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    # request.user carries is_verified() once django_otp's middleware has seen it;
    # a user object without it has passed no second step.
    verified = getattr(user, "is_verified", None)
    return (verified is not None and verified()) or not must_pass_second_step(user)


def can_preview(user, measure):
    """May the user see the unpublished `measure` (or its draft changes) outside the admin?

    Only a fully signed-in staff member who may see it in the back office.
    """
    return is_fully_signed_in(user) and can_view(user, measure)


def can_create(user):
    role = role_of(user)
    return role.reviews_everything or bool(role.partner_ids)


def can_create_for(user, partner):
    role = role_of(user)
    return role.reviews_everything or partner.pk in role.partner_ids


def can_edit(user, measure):
    """May the user change the measure directly (not through a revision)?"""
    role = role_of(user)
    if role.reviews_everything:
        return True
    return is_own(user, measure) and measure.status in EDITOR_EDITABLE_STATES


def can_propose_revision(user, measure):
    """May the user propose changes to a published measure, for a coordinator to approve?"""
    role = role_of(user)
    return (
        not role.reviews_everything and is_own(user, measure) and measure.status == Status.PUBLISHED
    )


def can_change_form(user, measure):
    """May the user submit the admin form of the measure at all?"""
    return can_edit(user, measure) or can_propose_revision(user, measure)


def can_transition(user, measure, to_status):
    role = role_of(user)
    move = (measure.status, to_status)
    if role.reviews_everything:
        return move in COORDINATOR_TRANSITIONS
    return is_own(user, measure) and move in EDITOR_TRANSITIONS


def allowed_transitions(user, measure):
    """The states the user may move the measure to, in a stable order."""
    return [status for status in Status if can_transition(user, measure, status)]


def can_review(user):
    """May the user publish, send back and archive measures, and approve revisions?"""
    return role_of(user).reviews_everything


def is_coordinator(user):
    """Does the user review every partner's measures by membership (not as a superuser)?"""
    return role_of(user).is_coordinator


def works_on_measures(user):
    """Is the user an editor or a reviewer, who sees the back office's overviews of measures?"""
    return role_of(user).is_staff_member


def own_partner_ids(user):
    """The partners whose measures the user edits as an editor."""
    return role_of(user).partner_ids


def can_delete(user, measure):
    """Coordinators delete any measure; editors only their own drafts."""
    role = role_of(user)
    if role.reviews_everything:
        return True
    return is_own(user, measure) and measure.status == Status.DRAFT


def can_confirm_current(user, measure):
    """May the user confirm that a published measure's facts are still true?

    Its own partner's editors may, as well as coordinators: the confirmation
    changes no text, so it needs no review.
    """
    role = role_of(user)
    if measure.status != Status.PUBLISHED:
        return False
    return role.reviews_everything or is_own(user, measure)


def can_review_explorations(user):
    """May the user approve, decline and turn into adoptions the entries of regions
    exploring a measure? Those who review measures: coordinators."""
    return role_of(user).reviews_everything


# Expert opinions

OpinionStatus = ExpertOpinion.Status
EXPERT_OPINION_MOVES = {
    (OpinionStatus.DRAFT, OpinionStatus.SUBMITTED),
    (OpinionStatus.CHANGES_REQUESTED, OpinionStatus.SUBMITTED),
}
COORDINATOR_OPINION_MOVES = {
    (OpinionStatus.SUBMITTED, OpinionStatus.PUBLISHED),
    (OpinionStatus.SUBMITTED, OpinionStatus.CHANGES_REQUESTED),
}
# States in which an expert changes their own opinion.
EXPERT_EDITABLE_STATES = {OpinionStatus.DRAFT, OpinionStatus.CHANGES_REQUESTED}
# States in which the measure's editors read an opinion and may reply.
EDITOR_READABLE_STATES = {OpinionStatus.SUBMITTED, OpinionStatus.PUBLISHED}


def is_expert(user):
    """Is the user an expert, who writes opinions on published measures? Asked once per request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_next2met_is_expert"):
        user._next2met_is_expert = user.groups.filter(name=EXPERTS).exists()
    return user._next2met_is_expert


def visible_opinions(user, queryset=None):
    """The expert opinions the user may see in the back office.

    Coordinators see all; an expert sees their own, never another expert's; a
    partner's editors see the submitted and published opinions of their measures.
    """
    queryset = ExpertOpinion.objects.all() if queryset is None else queryset
    role = role_of(user)
    if role.reviews_everything:
        return queryset
    mine = Q(expert=user) if is_expert(user) else Q(pk__in=[])
    of_own_measures = Q(measure__partner_id__in=role.partner_ids, status__in=EDITOR_READABLE_STATES)
    if not role.partner_ids and not is_expert(user):
        return queryset.none()
    return queryset.filter(mine | of_own_measures)


def can_view_opinion(user, opinion):
    return visible_opinions(user, ExpertOpinion.objects.filter(pk=opinion.pk)).exists()


def can_write_opinion(user):
    """May the user start an opinion? Experts may; coordinators publish, they do not write."""
    return is_expert(user)


def is_member_of_partner(user, measure):
    """Is the user a member, in any role, of the partner that owns `measure`?"""
    return measure.partner_id in role_of(user).member_of


def opinion_measures(user, queryset=None):
    """The measures the user may write an opinion on: published, of no partner of theirs."""
    queryset = Measure.objects.all() if queryset is None else queryset
    if not is_expert(user):
        return queryset.none()
    return queryset.published().exclude(partner_id__in=role_of(user).member_of)


def can_write_opinion_on(user, measure):
    """May the user write an opinion on `measure`? Published measures only, and none of a
    partner the expert is a member of: an opinion is independent."""
    return (
        is_expert(user)
        and measure.status == Status.PUBLISHED
        and not is_member_of_partner(user, measure)
    )


def is_own_opinion(user, opinion):
    return user is not None and user.is_authenticated and opinion.expert_id == user.pk


def can_edit_opinion(user, opinion):
    """May the user change the opinion's text and ratings? Its expert, while they may."""
    return (
        is_own_opinion(user, opinion)
        and opinion.status in EXPERT_EDITABLE_STATES
        and can_write_opinion_on(user, opinion.measure)
    )


def can_move_opinion(user, opinion, to_status):
    move = (opinion.status, to_status)
    if role_of(user).reviews_everything:
        return move in COORDINATOR_OPINION_MOVES
    return can_edit_opinion(user, opinion) and move in EXPERT_OPINION_MOVES


def opinion_moves(user, opinion):
    """The states the user may move the opinion to, in a stable order."""
    return [status for status in OpinionStatus if can_move_opinion(user, opinion, status)]


def can_reply_to_opinion(user, opinion):
    """May the user write the editors' one reply? The measure's own editors, once, and
    never the opinion's own expert."""
    return (
        is_own(user, opinion.measure)
        and opinion.status in EDITOR_READABLE_STATES
        and not opinion.reply
        and not is_own_opinion(user, opinion)
    )


def can_delete_opinion(user, opinion):
    """Coordinators delete any opinion; an expert only their own draft."""
    if role_of(user).reviews_everything:
        return True
    return is_own_opinion(user, opinion) and opinion.status == OpinionStatus.DRAFT


def can_read_outbox(user):
    """May the user see the outbox, every mail with its recipients' addresses? Operators only."""
    return role_of(user).is_superuser


def coordinators():
    """The active coordinators with an e-mail address: who hears of submissions."""
    return _people_with(role=Membership.Role.COORDINATOR)


def editors_of(partner):
    """The active editors of `partner` with an e-mail address: who hears of decisions."""
    return _people_with(role=Membership.Role.EDITOR, partner=partner)


def _people_with(**membership):
    lookups = {f"memberships__{name}": value for name, value in membership.items()}
    return get_user_model().objects.filter(is_active=True, **lookups).exclude(email="").distinct()
