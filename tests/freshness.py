"""Measures verified some days ago, for the freshness of the catalogue."""

import datetime

from django.utils import timezone

from tests.factories import MeasureFactory


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def measure_verified(region, days, **fields):
    """A published measure of `region`'s partner, last verified `days` ago."""
    return MeasureFactory(region=region, last_verified=days_ago(days), **fields)
