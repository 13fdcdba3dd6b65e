"""Rate cards, quotes, and the payment-assurance checks of priced operations (RAA §3.7.4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import Quote, RateCardEntry
from registrar.names import InvalidName, normalize_name
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.pricing.errors import PricingError
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
        raise RegistrarError(CommonError.PERIOD_NOT_ALLOWED, detail={"operation": operation})
    return raw


@dataclass(frozen=True)
class _QuotedItem:
    fqdn: str
    operation: str
    period: int | None
    tier: str
    premium_class: str | None


def _quoted_item(data: QuoteInput) -> _QuotedItem:
    """What is being priced, checked in the spec's order of errors."""
    if data.extra:
        raise validation_error({name: ["is not a known field"] for name in data.extra})
    if data.fqdn is None or data.fqdn == "":
        raise RegistrarError(PricingError.FQDN_REQUIRED)
    try:
        fqdn = normalize_name(data.fqdn)
    except InvalidName as exc:
        raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details={"fqdn": [str(exc)]}) from exc
    if data.operation not in OPERATIONS:
        raise RegistrarError(PricingError.INVALID_OPERATION, detail={"allowed": list(OPERATIONS)})
    operation = str(data.operation)
    period = _period(operation, data.period)
    tier = "standard" if data.tier in (None, "") else data.tier
    if tier not in TIERS:
        raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details={"tier": ["is invalid"]})
    return _QuotedItem(fqdn, operation, period, str(tier), _premium_class(str(tier), data.premium_class or None))


def _premium_class(tier: str, premium_class: object) -> str | None:
    if tier == "premium" and premium_class is None:
        raise RegistrarError(PricingError.PREMIUM_CLASS_REQUIRED)
    if tier == "standard":
        return None
    if premium_class is not None and not isinstance(premium_class, str):
        raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details={"premium_class": ["is invalid"]})
    return premium_class


async def _price(ctx: RequestContext, access: TenantAccess, tld: str, item: _QuotedItem) -> RateCardEntry:
    """The rate-card entry for the item. Errors: price_not_configured, premium_class_unknown."""
    async with ctx.db.read() as session:
        entry = await _rate(session, access.tenant_id, tld, item.operation, item.period, item.tier, item.premium_class)
        if entry is None and item.tier == "premium":
            any_class = await _rate(
                session, access.tenant_id, tld, item.operation, item.period, item.tier, None, any_class=True
            )
            raise RegistrarError(
                PricingError.PRICE_NOT_CONFIGURED if any_class is None else PricingError.PREMIUM_CLASS_UNKNOWN
            )
    if entry is None:
        raise RegistrarError(PricingError.PRICE_NOT_CONFIGURED)
    return entry


async def create_quote(ctx: RequestContext, access: TenantAccess, data: QuoteInput) -> Quote:
    """Price (fqdn, operation, period, tier, premium_class) from the tenant's rate card.

    The quote is valid for the configured TTL and can be consumed once. Errors:
    fqdn_required, invalid_operation, period_not_allowed, premium_class_required,
    tld_not_associated, price_not_configured, premium_class_unknown, unprocessable_entity.
    """
    access.require_scope("write")
    item = _quoted_item(data)
    association = await association_for_name(ctx, access, item.fqdn)
    entry = await _price(ctx, access, association.tld, item)
    now = ctx.clock.now()
    quote = Quote(
        tenant_id=access.tenant_id,
        fqdn=item.fqdn,
        tld=association.tld,
        operation=item.operation,
        period=item.period,
        tier=item.tier,
        premium_class=item.premium_class,
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


async def consume_quote(session: AsyncSession, quote: Quote, *, now, domain_id: str) -> None:
    """Mark the quote used inside the caller's transaction; the losing racer gets
    `quote_consumed` because the conditional update matches no row for it."""
    result = await session.exec(
        update(Quote)
        .where(Quote.id == quote.id, Quote.consumed_at.is_(None))
        .values(consumed_at=now, consumed_by_domain_id=domain_id)
    )
    if result.rowcount != 1:
        raise RegistrarError(PricingError.QUOTE_CONSUMED)
