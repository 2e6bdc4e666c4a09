"""Experts and expert opinions for the tests: made as an operator and an expert would make them."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from measures.models import ExpertOpinion

OPINION_LIST = "/admin/measures/expertopinion/"


def opinion_url(opinion):
    return f"/admin/measures/expertopinion/{opinion.pk}/change/"


def create_expert(username):
    """An expert, made with the real `create_staff_user --role expert`."""
    call_command(
        "create_staff_user",
        username,
        email=f"{username}@example.org",
        role="expert",
        no_input=True,
        stdout=StringIO(),
    )
    return get_user_model().objects.get(username=username)


def opinion_fields(**changes):
    """What an expert enters: name, affiliation, text, four ratings with their reasons."""
    return {
        "expert_name": "Dr. Maria Nowak",
        "affiliation": "University of Łódź, regional economics",
        "text": "A careful measure that small municipalities can copy.",
        "relevance": 5,
        "relevance_reason": "Made for villages an hour from a capital.",
        "evidence": 3,
        "evidence_reason": "Counts of users, but no comparison group.",
        "transferability": 4,
        "transferability_reason": "Needs only a municipal IT department.",
        "novelty": 2,
        "novelty_reason": "Similar portals exist in Estonia.",
        **changes,
    }


def make_opinion(measure, expert, status=ExpertOpinion.Status.DRAFT, **changes):
    return ExpertOpinion.objects.create(
        measure=measure, expert=expert, status=status, **opinion_fields(**changes)
    )
