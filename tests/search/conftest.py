"""A small catalogue with German texts for some objects and English only for others."""

import pytest

from tests.catalogues import translated_catalogue


@pytest.fixture
def catalogue():
    """Two measures: one with German texts (and German names of its region, theme and
    target group), one in English only."""
    return translated_catalogue()
