"""Tests of the outbox send through it, delivered to `mail.outbox` unless a test says otherwise."""

import pytest

from tests.mailboxes import LOCMEM, use_outbox


@pytest.fixture
def outbox(settings, tmp_path):
    """The outbox in front of Django's locmem transport; returns the settings to change more."""
    use_outbox(settings, tmp_path, LOCMEM)
    return settings
