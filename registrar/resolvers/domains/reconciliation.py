"""Reconciliation of a domain row with what its registry holds."""

from __future__ import annotations

from registrar.context import RequestContext
from registrar.models import Domain
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.changes import replace_nameserver_links
from registrar.resolvers.domains.deletion import DELETION_STATUSES, enter_redemption
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    RENEWABLE_STATES,
    domain_registry,
    locked_domain,
    nameserver_names,
    verify_state,
)
from registrar.resolvers.hosts.nameservers import plan_nameservers


async def reconcile_domain(ctx: RequestContext, access: TenantAccess, name: str) -> Domain:
    """Write the registry's view of name servers, statuses and expiry onto the row; emit
    `reconciled_with_registry` with the diff only when something changed. A domain the
    registry holds for deletion (pendingDelete, redemptionPeriod) enters `redemption` here.

    Errors: insufficient_scope, not_found, wrong_state, not_at_registry,
    subordinate_host_missing, registry errors.
    """
    access.require_scope("write")
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, RENEWABLE_STATES)
        registry = await domain_registry(ctx, domain)
        info = await registry.domain_info(domain.name)
        if DELETION_STATUSES & {*info.statuses, *info.rgp_statuses}:
            await enter_redemption(session, ctx, access, domain)
            domain.last_reconciled_at = ctx.clock.now()
            domain.out_of_sync = False
            return domain
        current_ns = await nameserver_names(session, domain.id)
        registry_ns = list(info.nameservers)
        diff: dict[str, object] = {}
        if sorted(registry_ns) != sorted(current_ns):
            await plan_nameservers(ctx, access, registry_ns, own_domain=domain.name)
            await replace_nameserver_links(session, ctx, access, domain, registry_ns)
            diff["nameservers"] = {"from": current_ns, "to": registry_ns}
        statuses = sorted(info.statuses) or ["ok"]
        if statuses != sorted(domain.epp_statuses):
            diff["epp_statuses"] = {"from": domain.epp_statuses, "to": statuses}
            domain.epp_statuses = statuses
        if info.expires_at is not None and info.expires_at != domain.expires_at:
            diff["expires_at"] = {
                "from": domain.expires_at.isoformat(),
                "to": info.expires_at.isoformat(),
            }
            domain.expires_at = info.expires_at
        now = ctx.clock.now()
        domain.last_reconciled_at = now
        domain.out_of_sync = False
        if diff:
            domain.updated_at = now
            record_event(session, ctx, access, domain, DomainEventType.RECONCILED_WITH_REGISTRY, diff)
        session.add(domain)
    return domain
