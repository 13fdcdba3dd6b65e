"""Renewal and restore (rgp-1.0) of an existing domain, paid for by a quote where the TLD requires one."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.errors import CommonError, RegistrarError, UpstreamError
from registrar.models import Domain, RegistryOperation
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    RENEWABLE_STATES,
    domain_registry,
    find_domain,
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
from registrar.resolvers.pricing.guard import PricedRequest, verify_quote
from registrar.resolvers.pricing.quotes import consume_quote
from registrar.resolvers.registry.guard import association_for_name


async def _payment(
    ctx: RequestContext,
    access: TenantAccess,
    domain: Domain,
    quote_id: object,
    operation: str,
    period: int | None,
):
    """ICANN TLDs need a matching quote (non-ICANN ones may still bring one)."""
    association = await association_for_name(ctx, access, domain.name)
    if association.accreditation_type == "icann_accredited" or quote_id not in (None, ""):
        return await verify_quote(ctx, access, quote_id, PricedRequest(domain.name, operation, period))
    return None


async def renew_domain(
    ctx: RequestContext,
    access: TenantAccess,
    name: str,
    years: object = None,
    quote_id: object = None,
) -> Domain:
    """Renew at the registry through the operations journal; the registry's `curExpDate` check
    makes a repeated renew fail rather than renew twice.

    Errors: insufficient_scope, not_found, unprocessable_entity (years), wrong_state,
    quote_required / quote_not_found / quote_consumed / quote_expired / quote_mismatch,
    operation_pending, registry errors.
    """
    access.require_scope("write")
    years = 1 if years is None else years
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details={"years": ["must be an integer from 1 to 10"]})
    async with ctx.db.read() as session:
        current = await find_domain(session, access, name)
    verify_state(current, RENEWABLE_STATES)
    quote = await _payment(ctx, access, current, quote_id, "renew", years)

    async def reserve(session: AsyncSession) -> OperationPlan:
        domain = await locked_domain(session, access, name)
        verify_state(domain, RENEWABLE_STATES)
        if quote is not None:
            await consume_quote(session, quote, now=ctx.clock.now(), domain_id=domain.id)
        return OperationPlan(
            command=DOMAIN_RENEW,
            object_type="domain",
            object_name=domain.name,
            object_id=domain.id,
            registry_account_id=domain.registry_account_id,
            quote_id=quote.id if quote else None,
            request={"years": years, "expires_from": domain.expires_at.isoformat()},
        )

    operation = await start(ctx, access, reserve)
    registry = await domain_registry(ctx, current)

    async def send(cltrid: str) -> Facts:
        expires_from = datetime.fromisoformat(operation.request["expires_from"])
        renewed = await registry.renew_domain(current.name, expires_from.date(), years, cltrid=cltrid)
        return {"expires_at": renewed.expires_at.isoformat() if renewed.expires_at else None}

    return await execute(ctx, access, operation, DOMAIN_RENEW_HANDLER, send)


async def _apply_renewal(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, facts: Facts
) -> None:
    domain = await session.get(Domain, operation.object_id, with_for_update=True)
    years = operation.request["years"]
    before = datetime.fromisoformat(operation.request["expires_from"])
    expires_at = facts.get("expires_at")
    domain.expires_at = datetime.fromisoformat(expires_at) if expires_at else before + timedelta(days=365 * years)
    domain.last_renewed_at = domain.updated_at = ctx.clock.now()
    if domain.state == "expired":
        domain.state = "registered"
    session.add(domain)
    record_event(
        session,
        ctx,
        access,
        domain,
        DomainEventType.RENEWED,
        {
            "years": years,
            "quote_id": operation.quote_id,
            "expires_at": {"from": before.isoformat(), "to": domain.expires_at.isoformat()},
        },
    )


async def _probe_renewal(_ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation) -> Outcome:
    """Executed when the registry's expiry moved past the one the renew started from."""
    info = await registry.domain_info(operation.object_name)
    before = datetime.fromisoformat(operation.request["expires_from"])
    if info.expires_at is not None and info.expires_at.date() > before.date():
        return Executed({"expires_at": info.expires_at.isoformat()})
    return NotExecuted("the registry's expiry did not move")


DOMAIN_RENEW = "domain_renew"
DOMAIN_RENEW_HANDLER = CommandHandler(probe=_probe_renewal, apply=_apply_renewal)


async def restore_domain(ctx: RequestContext, access: TenantAccess, name: str, quote_id: object = None) -> Domain:
    """rgp-1.0 restore of a domain in redemption, through the operations journal.

    Errors: insufficient_scope, not_found, wrong_state, quote_* errors, operation_pending,
    registry errors.
    """
    access.require_scope("write")
    async with ctx.db.read() as session:
        current = await find_domain(session, access, name)
    verify_state(current, ("redemption",))
    quote = await _payment(ctx, access, current, quote_id, "restore", None)

    async def reserve(session: AsyncSession) -> OperationPlan:
        domain = await locked_domain(session, access, name)
        verify_state(domain, ("redemption",))
        if quote is not None:
            await consume_quote(session, quote, now=ctx.clock.now(), domain_id=domain.id)
        return OperationPlan(
            command=DOMAIN_RESTORE,
            object_type="domain",
            object_name=domain.name,
            object_id=domain.id,
            registry_account_id=domain.registry_account_id,
            quote_id=quote.id if quote else None,
            request={},
        )

    operation = await start(ctx, access, reserve)
    registry = await domain_registry(ctx, current)

    async def send(cltrid: str) -> Facts:
        return {"rgp_statuses": list(await registry.restore_domain(current.name, cltrid=cltrid))}

    return await execute(ctx, access, operation, DOMAIN_RESTORE_HANDLER, send)


async def _apply_restore(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, facts: Facts
) -> None:
    domain = await session.get(Domain, operation.object_id, with_for_update=True)
    rgp_statuses = facts.get("rgp_statuses", [])
    domain.state = "registered"
    domain.epp_statuses = ["pendingRestore"] if "pendingRestore" in rgp_statuses else ["ok"]
    domain.deletion_scheduled_at = None
    domain.updated_at = ctx.clock.now()
    session.add(domain)
    record_event(
        session,
        ctx,
        access,
        domain,
        DomainEventType.RESTORED,
        {"quote_id": operation.quote_id, "rgp_statuses": list(rgp_statuses)},
    )


async def _probe_restore(_ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation) -> Outcome:
    """Executed when the registry no longer holds the domain in its redemption period."""
    try:
        info = await registry.domain_info(operation.object_name)
    except RegistrarError as exc:
        if exc.code == UpstreamError.NOT_AT_REGISTRY:
            return NotExecuted("the registry has purged the domain")
        raise
    if "redemptionPeriod" in info.rgp_statuses:
        return NotExecuted("the domain is still in its redemption period")
    return Executed({"rgp_statuses": list(info.rgp_statuses)})


DOMAIN_RESTORE = "domain_restore"
DOMAIN_RESTORE_HANDLER = CommandHandler(probe=_probe_restore, apply=_apply_restore)
