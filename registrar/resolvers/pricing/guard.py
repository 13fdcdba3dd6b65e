"""The quote check every paid action runs before it consumes the quote."""

from __future__ import annotations

from dataclasses import dataclass

from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.models import Quote
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.pricing.errors import PricingError


@dataclass(frozen=True)
class PricedRequest:
    fqdn: str
    operation: str
    period: int | None


async def verify_quote(ctx: RequestContext, access: TenantAccess, quote_id: object, request: PricedRequest) -> Quote:
    """Check a quote before any side effect: quote_required, quote_not_found,
    quote_consumed, quote_expired, quote_mismatch. Consumption happens later, atomically."""
    if quote_id is None or quote_id == "":
        raise RegistrarError(PricingError.QUOTE_REQUIRED)
    if not isinstance(quote_id, str):
        raise RegistrarError(PricingError.QUOTE_NOT_FOUND)
    async with ctx.db.read() as session:
        quote = await session.get(Quote, quote_id)
    if quote is None or quote.tenant_id != access.tenant_id:
        raise RegistrarError(PricingError.QUOTE_NOT_FOUND)
    if quote.consumed_at is not None:
        raise RegistrarError(PricingError.QUOTE_CONSUMED)
    if quote.valid_until <= ctx.clock.now():
        raise RegistrarError(PricingError.QUOTE_EXPIRED, detail={"valid_until": quote.valid_until.isoformat()})
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
        raise RegistrarError(PricingError.QUOTE_MISMATCH, detail={"fields": mismatched})
    return quote
