"""The operator's audit log: `record` writes an entry inside the action's transaction;
`list_audit_log` reads it newest first with keyset pagination."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import validation_error
from registrar.models import AuditLogEntry
from registrar.resolvers._shared.pagination import Page, decode_cursor, encode_cursor, parse_limit
from registrar.resolvers.operator.guard import OperatorAccess

REDACTED = "[redacted]"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return value


def snapshot(row: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a row, as JSON values (for `diff`)."""
    return {name: _jsonable(getattr(row, name)) for name in fields}


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """`{field: {"from": old, "to": new}}` for every field whose value changed; a created
    object has only `to`s, a deleted one only `from`s."""
    before, after = before or {}, after or {}
    changes: dict[str, Any] = {}
    for name in dict.fromkeys([*before, *after]):
        change = {}
        if name in before:
            change["from"] = _jsonable(before[name])
        if name in after:
            change["to"] = _jsonable(after[name])
        if len(change) == 1 or change["from"] != change["to"]:
            changes[name] = change
    return changes


async def record(
    session: AsyncSession,
    ctx: RequestContext,
    operator: OperatorAccess,
    action: str,
    target: tuple[str, str],
    *,
    tenant_id: str | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditLogEntry:
    """Add the entry for one action to the action's transaction. `changes` is a `diff`;
    a secret's value never goes in, only `REDACTED`."""
    entry = AuditLogEntry(
        occurred_at=ctx.clock.now(),
        actor_type=operator.actor_type,
        actor_id=operator.actor_id,
        action=action,
        target_type=target[0],
        target_id=target[1],
        tenant_id=tenant_id,
        diff=dict(changes or {}),
    )
    session.add(entry)
    return entry


def _position(cursor: str) -> int:
    (entry_id,) = decode_cursor(cursor, 1)
    if not (entry_id.isascii() and entry_id.isdigit()) or len(entry_id) > 18:
        raise validation_error({"cursor": ["is invalid"]})
    return int(entry_id)


@dataclass(frozen=True)
class AuditFilter:
    tenant_id: str | None = None
    action: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    actor_id: str | None = None


async def list_audit_log(
    ctx: RequestContext,
    operator: OperatorAccess,
    filters: AuditFilter = AuditFilter(),
    *,
    limit: object = None,
    cursor: str | None = None,
) -> Page[AuditLogEntry]:
    """Entries newest first, filtered by exact values.

    Errors: unprocessable_entity (a bad limit or cursor).
    """
    size = parse_limit(limit)
    statement = select(AuditLogEntry)
    for name, value in vars(filters).items():
        if value:
            statement = statement.where(getattr(AuditLogEntry, name) == value)
    if cursor:
        statement = statement.where(col(AuditLogEntry.id) < _position(cursor))
    statement = statement.order_by(col(AuditLogEntry.id).desc()).limit(size + 1)
    async with ctx.db.read() as session:
        rows = list((await session.exec(statement)).all())
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = encode_cursor([str(rows[-1].id)]) if more and rows else None
    return Page(items=rows, next_cursor=next_cursor, has_more=more)
