"""Domain events: every state change leaves one, with its actor and a payload of the diff."""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.models import Domain, DomainEvent
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.guard import find_domain


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
