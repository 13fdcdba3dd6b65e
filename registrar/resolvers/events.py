"""Domain events: every state change leaves one, with its actor and a payload of the diff."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.models import Domain, DomainEvent
from registrar.resolvers.access import TenantAccess


def record_event(
    session: AsyncSession,
    ctx: RequestContext,
    access: TenantAccess,
    domain: Domain,
    event_type: str,
    payload: dict[str, Any],
) -> DomainEvent:
    event = DomainEvent(
        tenant_id=domain.tenant_id,
        domain_id=domain.id,
        event_type=event_type,
        actor_type=access.principal.actor_type,
        actor_id=access.principal.actor_id,
        payload=payload,
        inserted_at=ctx.clock.now(),
    )
    session.add(event)
    return event
