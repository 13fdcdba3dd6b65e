"""Keyset pagination shared by every growing list: opaque cursors that encode sort values.

A cursor comes back from the client, so it is untrusted input: anything that is not a list of
`arity` strings (every keyset here sorts on text columns), holds unsafe text, is nested or is
longer than `MAX_CURSOR_LENGTH` is 422 `unprocessable_entity` (`cursor: is invalid`), never a
500 from the database. Counts in a query string (`parse_count`) are plain ASCII digits within
bounds, so `²` (which `str.isdigit` accepts) or a 5,000-digit offset is a field error too.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import tuple_
from sqlalchemy.sql.elements import ColumnElement

from registrar.errors import validation_error
from registrar.resolvers._shared.input_text import MalformedJson, is_unsafe_text, load_json

T = TypeVar("T")

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
MAX_OFFSET = 2**31 - 1  # fits every database's integer
MAX_CURSOR_LENGTH = 2048


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None
    has_more: bool


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int, field: str = "cursor") -> list[str]:
    """The sort values a cursor encodes: exactly `arity` safe strings, or `field: is invalid`."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise validation_error({field: ["is invalid"]})
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = load_json(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, MalformedJson) as exc:
        raise validation_error({field: ["is invalid"]}) from exc
    if not isinstance(values, list) or len(values) != arity:
        raise validation_error({field: ["is invalid"]})
    if not all(isinstance(value, str) and not is_unsafe_text(value) for value in values):
        raise validation_error({field: ["is invalid"]})
    return values


def parse_count(raw: str, *, minimum: int, maximum: int) -> int | None:
    """A decimal count written in ASCII digits within [minimum, maximum], else None."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(maximum)):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def parse_limit(raw: object, field: str = "limit") -> int:
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        limit = int(str(raw))
    except ValueError as exc:
        raise validation_error({field: ["must be an integer"]}) from exc
    if not 1 <= limit <= MAX_LIMIT:
        raise validation_error({field: [f"must be between 1 and {MAX_LIMIT}"]})
    return limit


def after_keyset(columns: Sequence[Any], values: Sequence[Any]) -> ColumnElement[bool]:
    """`(c1, c2, …) > (v1, v2, …)` for ascending keys: a row-value comparison, which
    PostgreSQL and SQLite (3.15+) both turn into an index range scan."""
    return tuple_(*columns) > tuple_(*values)


def make_page(rows: list[T], limit: int, key: Callable[[T], Sequence[Any]]) -> Page[T]:
    """Rows were fetched with `limit + 1`; the extra row only says whether more exist."""
    has_more = len(rows) > limit
    items = rows[:limit]
    next_cursor = encode_cursor(key(items[-1])) if has_more and items else None
    return Page(items=items, next_cursor=next_cursor, has_more=has_more)
