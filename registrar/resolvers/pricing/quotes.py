"""Rate cards, quotes, and the payment-assurance checks of priced operations (RAA §3.7.4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import RegistrarError, validation_error
from registrar.models import Quote, RateCardEntry
from registrar.names import InvalidName, normalize_name
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.registry.guard import association_for_name

OPERATIONS = ("register", "renew", "transfer_in", "restore")
TIERS = ("standard", "premium")


@dataclass
class QuoteInput:
    fqdn: object = None
    operation: object = None
    period: object = None
    tier: object = None
    premium_class: object = None
    extra: dict[str, object] = field(default_factory=dict)


def _period(operation: str, raw: object) -> int | None:
    if operation == "restore":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 10:
        raise RegistrarError("period_not_allowed", detail={"operation": operation})
    return raw


async def create_quote(ctx: RequestContext, access: TenantAccess, data: QuoteInput) -> Quote:
    """Price (fqdn, operation, period, tier, premium_class) from the tenant's rate card.

    The quote is valid for the configured TTL and can be consumed once. Errors:
    fqdn_required, invalid_operation, period_not_allowed, premium_class_required,
    tld_not_associated, price_not_configured, premium_class_unknown, unprocessable_entity.
    """
    access.require_scope("write")
    if data.extra:
        raise validation_error({name: ["is not a known field"] for name in data.extra})
    if data.fqdn is None or data.fqdn == "":
        raise RegistrarError("fqdn_required")
    try:
        fqdn = normalize_name(data.fqdn)
    except InvalidName as exc:
        raise RegistrarError("unprocessable_entity", details={"fqdn": [str(exc)]}) from exc
    if data.operation not in OPERATIONS:
        raise RegistrarError("invalid_operation", detail={"allowed": list(OPERATIONS)})
    operation = str(data.operation)
    period = _period(operation, data.period)
    tier = "standard" if data.tier in (None, "") else data.tier
    if tier not in TIERS:
        raise RegistrarError("unprocessable_entity", details={"tier": ["is invalid"]})
    premium_class = data.premium_class or None
    if tier == "premium" and premium_class is None:
        raise RegistrarError("premium_class_required")
    if tier == "standard":
        premium_class = None
    if premium_class is not None and not isinstance(premium_class, str):
        raise RegistrarError("unprocessable_entity", details={"premium_class": ["is invalid"]})
    association = await association_for_name(ctx, access, fqdn)
    async with ctx.db.read() as session:
        entry = await _rate(session, access.tenant_id, association.tld, operation, period, tier, premium_class)
        if entry is None and tier == "premium":
            any_class = await _rate(
                session,
                access.tenant_id,
                association.tld,
                operation,
                period,
                tier,
                None,
                any_class=True,
            )
            raise RegistrarError("price_not_configured" if any_class is None else "premium_class_unknown")
    if entry is None:
        raise RegistrarError("price_not_configured")
    now = ctx.clock.now()
    quote = Quote(
        tenant_id=access.tenant_id,
        fqdn=fqdn,
        tld=association.tld,
        operation=operation,
        period=period,
        tier=tier,
        premium_class=premium_class,
        amount=entry.amount,
        currency=entry.currency,
        quoted_at=now,
        valid_until=now + timedelta(seconds=ctx.services.settings.quote_ttl_seconds),
    )
    async with ctx.db.transaction() as session:
        session.add(quote)
    return quote


async def _rate(
    session: AsyncSession,
    tenant_id: str,
    tld: str,
    operation: str,
    period: int | None,
    tier: str,
    premium_class: str | None,
    *,
    any_class: bool = False,
) -> RateCardEntry | None:
    statement = select(RateCardEntry).where(
        RateCardEntry.tenant_id == tenant_id,
        RateCardEntry.tld == tld,
        RateCardEntry.operation == operation,
        RateCardEntry.tier == tier,
        RateCardEntry.period.is_(None) if period is None else RateCardEntry.period == period,
    )
    if not any_class:
        statement = statement.where(
            RateCardEntry.premium_class.is_(None)
            if premium_class is None
            else RateCardEntry.premium_class == premium_class
        )
    return (await session.exec(statement.limit(1))).first()


@dataclass(frozen=True)
class PricedRequest:
    fqdn: str
    operation: str
    period: int | None


async def verify_quote(ctx: RequestContext, access: TenantAccess, quote_id: object, request: PricedRequest) -> Quote:
    """Check a quote before any side effect: quote_required, quote_not_found,
    quote_consumed, quote_expired, quote_mismatch. Consumption happens later, atomically."""
    if quote_id is None or quote_id == "":
        raise RegistrarError("quote_required")
    if not isinstance(quote_id, str):
        raise RegistrarError("quote_not_found")
    async with ctx.db.read() as session:
        quote = await session.get(Quote, quote_id)
    if quote is None or quote.tenant_id != access.tenant_id:
        raise RegistrarError("quote_not_found")
    if quote.consumed_at is not None:
        raise RegistrarError("quote_consumed")
    if quote.valid_until <= ctx.clock.now():
        raise RegistrarError("quote_expired", detail={"valid_until": quote.valid_until.isoformat()})
    mismatched = [
        name
        for name, expected in (
            ("fqdn", request.fqdn),
            ("operation", request.operation),
            ("period", request.period),
        )
        if getattr(quote, name) != expected
    ]
    if mismatched:
        raise RegistrarError("quote_mismatch", detail={"fields": mismatched})
    return quote


async def consume_quote(session: AsyncSession, quote: Quote, *, now, domain_id: str) -> None:
    """Mark the quote used inside the caller's transaction; the losing racer gets
    `quote_consumed` because the conditional update matches no row for it."""
    result = await session.exec(
        update(Quote)
        .where(Quote.id == quote.id, Quote.consumed_at.is_(None))
        .values(consumed_at=now, consumed_by_domain_id=domain_id)
    )
    if result.rowcount != 1:
        raise RegistrarError("quote_consumed")
