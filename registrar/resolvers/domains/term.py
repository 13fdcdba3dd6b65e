"""Renew, delete, restore, auth-code rotation and reconcile of an existing domain."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlmodel import col, select

from registrar.context import RequestContext
from registrar.crypto import sha256_hex
from registrar.epp.objects import DomainUpdateRequest
from registrar.errors import RegistrarError
from registrar.models import Domain, Host
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.changes import replace_nameserver_links
from registrar.resolvers.domains.events import record_event
from registrar.resolvers.domains.guard import (
    LIVE_STATES,
    domain_registry,
    find_domain,
    locked_domain,
    nameserver_names,
    verify_state,
)
from registrar.resolvers.hosts.nameservers import plan_nameservers
from registrar.resolvers.pricing.quotes import PricedRequest, consume_quote, verify_quote
from registrar.resolvers.registry.guard import association_for_name, policy

AUTH_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I: read aloud safely
AUTH_CODE_LENGTH = 16
PENDING_DELETE_DAYS = 5
RENEWABLE_STATES = ("registered", "on_hold", "expired")


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
        raise RegistrarError("unprocessable_entity", details={"years": ["must be an integer from 1 to 10"]})
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
            "renewed",
            {
                "years": years,
                "quote_id": quote.id if quote else None,
                "expires_at": {"from": before.isoformat(), "to": domain.expires_at.isoformat()},
            },
        )
    return domain


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
            raise RegistrarError("delete_prohibited", detail={"statuses": sorted(blocking)})
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
            raise RegistrarError("subordinate_hosts_exist", detail={"hosts": subordinates})
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
            "deleted",
            {
                "state": {"from": before, "to": "redemption"},
                "purge_due_at": domain.deletion_scheduled_at.isoformat(),
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
            "restored",
            {"quote_id": quote.id if quote else None, "rgp_statuses": list(rgp_statuses)},
        )
    return domain


async def rotate_auth_code(ctx: RequestContext, access: TenantAccess, name: str) -> str:
    """A fresh CSPRNG authInfo, set at the registry, kept only as its SHA-256, returned once.

    Errors: insufficient_scope, not_found, wrong_state, registry_error.
    """
    access.require_scope("write")
    code = "".join(secrets.choice(AUTH_CODE_ALPHABET) for _ in range(AUTH_CODE_LENGTH))
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, ("registered",))
        registry = await domain_registry(ctx, domain)
        try:
            await registry.update_domain(DomainUpdateRequest(name=domain.name, auth_info=code))
        except RegistrarError as exc:
            if exc.status >= 500:
                raise
            raise RegistrarError("registry_error", detail=exc.detail) from exc
        domain.auth_code_hash = sha256_hex(code)
        domain.updated_at = ctx.clock.now()
        session.add(domain)
        record_event(session, ctx, access, domain, "auth_code_rotated", {})
    return code


async def reconcile_domain(ctx: RequestContext, access: TenantAccess, name: str) -> Domain:
    """Write the registry's view of name servers, statuses and expiry onto the row; emit
    `reconciled_with_registry` with the diff only when something changed.

    Errors: insufficient_scope, not_found, wrong_state, not_at_registry,
    subordinate_host_missing, registry errors.
    """
    access.require_scope("write")
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, LIVE_STATES)
        registry = await domain_registry(ctx, domain)
        info = await registry.domain_info(domain.name)
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
            record_event(session, ctx, access, domain, "reconciled_with_registry", diff)
        session.add(domain)
    return domain
