"""Deletion of a domain at its registry: the domain enters redemption until it is purged."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.errors import RegistrarError, UpstreamError
from registrar.models import Domain, Host, RegistryOperation
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.errors import DomainError
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    RENEWABLE_STATES,
    domain_registry,
    locked_domain,
    verify_state,
)
from registrar.resolvers.operations.journal import (
    CommandHandler,
    Executed,
    Facts,
    NotExecuted,
    OperationPlan,
    Outcome,
    execute,
    start,
)
from registrar.resolvers.registry.guard import policy

PENDING_DELETE_DAYS = 5


async def delete_domain(ctx: RequestContext, access: TenantAccess, name: str) -> Domain:
    """Delete at the registry, through the operations journal: the domain enters its
    redemption grace period.

    Errors: insufficient_scope, not_found, wrong_state, delete_prohibited,
    subordinate_hosts_exist, operation_pending, registry errors.
    """
    access.require_scope("write")

    locked: list[Domain] = []

    async def reserve(session: AsyncSession) -> OperationPlan:
        domain = await locked_domain(session, access, name)
        await _verify_deletable(session, access, domain)
        locked.append(domain)
        return OperationPlan(
            command=DOMAIN_DELETE,
            object_type="domain",
            object_name=domain.name,
            object_id=domain.id,
            registry_account_id=domain.registry_account_id,
            request={"state": domain.state},
        )

    operation = await start(ctx, access, reserve)
    (domain,) = locked
    registry = await domain_registry(ctx, domain)

    async def send(cltrid: str) -> Facts:
        await registry.delete_domain(domain.name, cltrid=cltrid)
        return {}

    return await execute(ctx, access, operation, DOMAIN_DELETE_HANDLER, send)


async def _verify_deletable(session: AsyncSession, access: TenantAccess, domain: Domain) -> None:
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


async def enter_redemption(session: AsyncSession, ctx: RequestContext, access: TenantAccess, domain: Domain) -> None:
    """The registry deleted the domain: it is in redemption (rgp-1.0) until its purge is due."""
    association = await ctx.loaders.tld_association_by_tld.load((domain.tenant_id, domain.tld))
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


async def _apply_deletion(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, _facts: Facts
) -> None:
    domain = await session.get(Domain, operation.object_id, with_for_update=True)
    if domain.state != "redemption":
        await enter_redemption(session, ctx, access, domain)


async def _probe_deletion(_ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation) -> Outcome:
    """Executed when the registry no longer has the domain or holds it for deletion."""
    try:
        info = await registry.domain_info(operation.object_name)
    except RegistrarError as exc:
        if exc.code == UpstreamError.NOT_AT_REGISTRY:
            return Executed({})
        raise
    if DELETION_STATUSES & {*info.statuses, *info.rgp_statuses}:
        return Executed({})
    return NotExecuted("the registry still holds the domain as active")


DELETION_STATUSES = frozenset({"pendingDelete", "redemptionPeriod", "pendingRestore"})
DOMAIN_DELETE = "domain_delete"
DOMAIN_DELETE_HANDLER = CommandHandler(probe=_probe_deletion, apply=_apply_deletion)
