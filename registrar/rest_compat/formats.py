"""Value formats of the REST surface: ISO-8601 UTC timestamps and four-decimal money."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal


def ts(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def ts_micro(value: datetime | None) -> str | None:
    """The `…00.000000Z` form the spec shows for quotes and certificates."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def money(amount: Decimal) -> str:
    return f"{amount:.4f}"
