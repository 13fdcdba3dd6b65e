"""The pricing area: single-use quotes and the tenant's rate cards — the types, the rate-card
queries taking `tenantId`, and `createQuote`; each field authorizes once and calls one resolver."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.errors import RegistrarError
from registrar.resolvers.pricing import quotes, rate_cards
from registrar.resolvers.pricing.rate_cards import RateCard as RateCardView
from registrar.schema.common import Money, Node, TenantId, UserError, input_fields, money, read, user_errors
from registrar.schema.context import context_of, tenant_access, top_level_error


@strawberry.type(description="A single-use price for one operation on one name.")
class Quote:
    row: strawberry.Private[models.Quote]

    @strawberry.field(description="The id to pass as `quoteId`.")
    def quote_id(self) -> strawberry.ID:
        return strawberry.ID(self.row.id)

    @strawberry.field(description="Name the quote is for.")
    def fqdn(self) -> str:
        return self.row.fqdn

    @strawberry.field(description="TLD of the name.")
    def tld(self) -> str:
        return self.row.tld

    @strawberry.field(description="register, renew, transfer_in or restore.")
    def operation(self) -> str:
        return self.row.operation

    @strawberry.field(description="Years; null for restore.")
    def period(self) -> int | None:
        return self.row.period

    @strawberry.field(description="standard or premium.")
    def tier(self) -> str:
        return self.row.tier

    @strawberry.field(description="Registry premium class, for premium names.")
    def premium_class(self) -> str | None:
        return self.row.premium_class

    @strawberry.field(description="The price.")
    def price(self) -> Money:
        return money(self.row.amount, self.row.currency)

    @strawberry.field(description="When the quote was issued.")
    def quoted_at(self) -> datetime:
        return self.row.quoted_at

    @strawberry.field(description="Last moment the quote can be used.")
    def valid_until(self) -> datetime:
        return self.row.valid_until


@strawberry.type(description="One priced row of the tenant's rate card.")
class RateCardEntry(Node):
    operation: str = strawberry.field(description="register, renew, transfer_in or restore.")
    period: int | None = strawberry.field(description="Years; null for restore.")
    tier: str = strawberry.field(description="standard or premium.")
    premium_class: str | None = strawberry.field(description="Registry premium class, if premium.")
    price: Money = strawberry.field(description="The price.")

    @classmethod
    def of(cls, row: models.RateCardEntry) -> RateCardEntry:
        return cls(
            id=strawberry.ID(row.id),
            operation=row.operation,
            period=row.period,
            tier=row.tier,
            premium_class=row.premium_class,
            price=money(row.amount, row.currency),
        )


@strawberry.type(description="The priced rows of one TLD.")
class RateCard:
    tld: str = strawberry.field(description="The TLD.")
    entries: list[RateCardEntry] = strawberry.field(description="Its priced rows.")

    @classmethod
    def of(cls, card: RateCardView) -> RateCard:
        return cls(tld=card.tld, entries=[RateCardEntry.of(row) for row in card.entries])


@strawberry.type
class PricingQuery:
    @strawberry.field(description="The tenant's rate cards, one per priced TLD.")
    async def rate_cards(self, info: Info, tenant_id: TenantId) -> list[RateCard]:
        access = await tenant_access(info, str(tenant_id))
        return [RateCard.of(card) for card in await read(rate_cards.list_rate_cards(context_of(info), access))]

    @strawberry.field(description="The rate card of one associated TLD, or null when not associated.")
    async def rate_card(self, info: Info, tenant_id: TenantId, tld: str) -> RateCard | None:
        access = await tenant_access(info, str(tenant_id))
        try:
            return RateCard.of(await rate_cards.get_rate_card(context_of(info), access, tld))
        except RegistrarError as error:
            if error.code == "tld_not_associated":
                return None
            raise top_level_error(error) from None


@strawberry.input(description="What to price.")
class CreateQuoteInput:
    tenant_id: strawberry.ID = strawberry.field(description="Tenant asking for the quote.")
    fqdn: str = strawberry.field(description="Fully qualified domain name.")
    operation: str = strawberry.field(description="register, renew, transfer_in or restore.")
    period: int | None = strawberry.field(default=None, description="Years (1–10); not for restore.")
    tier: str | None = strawberry.field(default=None, description="standard (default) or premium.")
    premium_class: str | None = strawberry.field(default=None, description="For premium names.")


@strawberry.type(description="Result of `createQuote`.")
class CreateQuotePayload:
    quote: Quote | None = strawberry.field(description="The quote, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type
class PricingMutation:
    @strawberry.mutation(description="Price an operation; the quote is single-use.")
    async def create_quote(self, info: Info, input: CreateQuoteInput) -> CreateQuotePayload:
        access = await tenant_access(info, str(input.tenant_id))
        try:
            row = await quotes.create_quote(context_of(info), access, quotes.QuoteInput(**input_fields(input)))
        except RegistrarError as error:
            return CreateQuotePayload(quote=None, errors=user_errors(error))
        return CreateQuotePayload(quote=Quote(row=row), errors=[])
