"""Personas and measures of the adoption tools: those of the review tests, and prerequisites."""

import pytest

from measures.models import Prerequisite
from tests.review.conftest import (  # noqa: F401
    coordinator,
    editor,
    fast_password_hashing,
    lead_partner,
    make_measure,
    other_editor,
    partner_a,
    partner_b,
    region_a,
    region_b,
    target_group,
    theme,
)


def add_prerequisites(measure, *rows):
    """Give `measure` prerequisites: (kind, condition) or (kind, condition, reason) each."""
    return [
        Prerequisite.objects.create(
            measure=measure,
            kind=row[0],
            condition=row[1],
            reason=row[2] if len(row) > 2 else "",
            position=position,
        )
        for position, row in enumerate(rows)
    ]


@pytest.fixture
def prerequisites():
    return add_prerequisites
