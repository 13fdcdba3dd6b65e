"""Domain events: every state change leaves one, with its actor and a payload of the diff.

Event types are a closed list, `DomainEventType`; `record_event` takes nothing else, and
`tests/cross_cutting/test_vocabularies.py` checks every call site.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.models import Domain, DomainEvent
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.guard import find_domain


class DomainEventType(StrEnum):
    """What happened to a domain, as `DomainEvent.event_type` stores it."""

    REGISTERED = "registered"
    RENEWED = "renewed"
    RESTORED = "restored"
    DELETED = "deleted"
    RECONCILED_WITH_REGISTRY = "reconciled_with_registry"
    AUTH_CODE_ROTATED = "auth_code_rotated"
    NAMESERVERS_UPDATED = "nameservers_updated"
    CONTACTS_UPDATED = "contacts_updated"
    DS_RECORDS_UPDATED = "ds_records_updated"
    TRANSFER_LOCK_APPLIED = "transfer_lock_applied"
    TRANSFER_LOCK_RELEASED = "transfer_lock_released"
    UPDATE_LOCK_APPLIED = "update_lock_applied"
    UPDATE_LOCK_RELEASED = "update_lock_released"
    DELETE_LOCK_APPLIED = "delete_lock_applied"
    DELETE_LOCK_RELEASED = "delete_lock_released"
    HOLD_APPLIED = "hold_applied"
    HOLD_RELEASED = "hold_released"
    ACCEPTANCE_RECORDED = "acceptance_recorded"
    ACCEPTANCE_TERMINATED = "acceptance_terminated"


def record_event(
    session: AsyncSession,
    ctx: RequestContext,
    access: TenantAccess,
    domain: Domain,
    event_type: DomainEventType,
    payload: dict[str, Any],
) -> DomainEvent:
    event = DomainEvent(
        tenant_id=domain.tenant_id,
        domain_id=domain.id,
        event_type=DomainEventType(event_type).value,
        actor_type=access.principal.actor_type,
        actor_id=access.principal.actor_id,
        payload=payload,
        inserted_at=ctx.clock.now(),
    )
    session.add(event)
    return event


async def list_domain_events(ctx: RequestContext, access: TenantAccess, name: str) -> list[DomainEvent]:
    """A domain's history, newest first. Errors: insufficient_scope, not_found."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        domain = await find_domain(session, access, name)
        rows = await session.exec(
            select(DomainEvent)
            .where(DomainEvent.domain_id == domain.id, DomainEvent.tenant_id == access.tenant_id)
            .order_by(DomainEvent.inserted_at.desc(), DomainEvent.id.desc())
        )
        return list(rows.all())
