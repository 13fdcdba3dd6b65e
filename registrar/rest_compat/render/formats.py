"""Value formats of the REST surface (ISO-8601 UTC timestamps, four-decimal money) and the
handle/name availability answer contacts and hosts share."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any


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


def availability(key: str, value: str, available: bool) -> dict[str, Any]:
    """`{"handle": "jdoe", "status": "available"}` and its host twin keyed by `name`."""
    return {key: value, "status": "available" if available else "unavailable"}
