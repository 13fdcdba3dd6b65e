"""Deletion of a domain at its registry: the domain enters redemption until it is purged."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.models import Domain, Host
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.errors import DomainError
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    RENEWABLE_STATES,
    domain_registry,
    locked_domain,
    verify_state,
)
from registrar.resolvers.registry.guard import policy

PENDING_DELETE_DAYS = 5


async def delete_domain(ctx: RequestContext, access: TenantAccess, name: str) -> Domain:
    """Delete at the registry: the domain enters its redemption grace period.

    Errors: insufficient_scope, not_found, wrong_state, delete_prohibited,
    subordinate_hosts_exist, registry errors.
    """
    access.require_scope("write")
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, RENEWABLE_STATES)
        blocking = {"clientDeleteProhibited", "serverDeleteProhibited"} & set(domain.epp_statuses)
        if blocking:
            raise RegistrarError(DomainError.DELETE_PROHIBITED, detail={"statuses": sorted(blocking)})
        subordinates = sorted(
            (
                await session.exec(
                    select(Host.name).where(
                        Host.tenant_id == access.tenant_id,
                        Host.state == "active",
                        col(Host.name).endswith(f".{domain.name}", autoescape=True),
                    )
                )
            ).all()
        )
        if subordinates:
            raise RegistrarError(DomainError.SUBORDINATE_HOSTS_EXIST, detail={"hosts": subordinates})
        registry = await domain_registry(ctx, domain)
        await registry.delete_domain(domain.name)
        association = await ctx.loaders.tld_association_by_tld.load((access.tenant_id, domain.tld))
        redemption_days = int(policy(association, "redemption_period_days")) if association else 30
        now = ctx.clock.now()
        before = domain.state
        domain.state = "redemption"
        domain.epp_statuses = ["pendingDelete"]
        domain.deletion_scheduled_at = now + timedelta(days=redemption_days + PENDING_DELETE_DAYS)
        domain.updated_at = now
        session.add(domain)
        record_event(
            session,
            ctx,
            access,
            domain,
            DomainEventType.DELETED,
            {
                "state": {"from": before, "to": "redemption"},
                "purge_due_at": domain.deletion_scheduled_at.isoformat(),
            },
        )
    return domain
