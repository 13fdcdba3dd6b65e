"""Renewal and restore (rgp-1.0) of an existing domain, paid for by a quote where the TLD requires one."""

from __future__ import annotations

from datetime import timedelta

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import Domain
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    RENEWABLE_STATES,
    domain_registry,
    find_domain,
    locked_domain,
    verify_state,
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
    """Renew at the registry (its `curExpDate` makes a retry fail rather than renew twice).

    Errors: insufficient_scope, not_found, unprocessable_entity (years), wrong_state,
    quote_required / quote_not_found / quote_consumed / quote_expired / quote_mismatch,
    registry errors.
    """
    access.require_scope("write")
    years = 1 if years is None else years
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details={"years": ["must be an integer from 1 to 10"]})
    async with ctx.db.read() as session:
        current = await find_domain(session, access, name)
    verify_state(current, RENEWABLE_STATES)
    quote = await _payment(ctx, access, current, quote_id, "renew", years)
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, RENEWABLE_STATES)
        if quote is not None:
            await consume_quote(session, quote, now=now, domain_id=domain.id)
        registry = await domain_registry(ctx, domain)
        renewed = await registry.renew_domain(domain.name, domain.expires_at.date(), years)
        before = domain.expires_at
        domain.expires_at = renewed.expires_at or before + timedelta(days=365 * years)
        domain.last_renewed_at = domain.updated_at = now
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
                "quote_id": quote.id if quote else None,
                "expires_at": {"from": before.isoformat(), "to": domain.expires_at.isoformat()},
            },
        )
    return domain


async def restore_domain(ctx: RequestContext, access: TenantAccess, name: str, quote_id: object = None) -> Domain:
    """rgp-1.0 restore of a domain in redemption.

    Errors: insufficient_scope, not_found, wrong_state, quote_* errors, registry errors.
    """
    access.require_scope("write")
    async with ctx.db.read() as session:
        current = await find_domain(session, access, name)
    verify_state(current, ("redemption",))
    quote = await _payment(ctx, access, current, quote_id, "restore", None)
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, ("redemption",))
        if quote is not None:
            await consume_quote(session, quote, now=now, domain_id=domain.id)
        registry = await domain_registry(ctx, domain)
        rgp_statuses = await registry.restore_domain(domain.name)
        domain.state = "registered"
        domain.epp_statuses = ["pendingRestore"] if "pendingRestore" in rgp_statuses else ["ok"]
        domain.deletion_scheduled_at = None
        domain.updated_at = now
        session.add(domain)
        record_event(
            session,
            ctx,
            access,
            domain,
            DomainEventType.RESTORED,
            {"quote_id": quote.id if quote else None, "rgp_statuses": list(rgp_statuses)},
        )
    return domain
