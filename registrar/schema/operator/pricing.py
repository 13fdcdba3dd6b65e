"""The operator's rate cards in GraphQL: `operator { rateCard(tenant, tld) }` and the
`operatorSetRate`, `operatorDeleteRate` and `operatorImportRates` mutations, over
`registrar/resolvers/operator/rate_cards.py` and `rate_import.py` (the same as `/operator/v1`)."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated

import strawberry
from strawberry.types import Info

from registrar.resolvers.operator import rate_cards, rate_import
from registrar.resolvers.pricing.rate_cards import RateCard as RateCardView
from registrar.schema.common import EmptyPayload, UserError, attempt, read
from registrar.schema.context import context_of, operator_access
from registrar.schema.operator.common import OperatorFields
from registrar.schema.pricing import RateCard, RateCardEntry

TENANT_REFERENCE = "The tenant's id or slug."
TenantReference = Annotated[str, strawberry.argument(description=TENANT_REFERENCE)]
TldFilter = Annotated[str | None, strawberry.argument(description="Only this TLD's rows.")]


@strawberry.type
class OperatorPricingFields(OperatorFields):
    @strawberry.field(description="A tenant's rate-card rows grouped by TLD (of one TLD when `tld` is given).")
    async def rate_card(self, info: Info, tenant: TenantReference, tld: TldFilter = None) -> list[RateCard]:
        rows = await read(rate_cards.list_rates(context_of(info), self.operator, tenant, tld=tld))
        return [
            RateCard.of(RateCardView(tld=label, entries=list(entries)))
            for label, entries in groupby(rows, key=lambda row: row.tld)
        ]


@strawberry.input(description="The price of one rate-card key.")
class OperatorSetRateInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    tld: str = strawberry.field(description="A TLD the tenant is associated with.")
    operation: str = strawberry.field(description="register, renew, transfer_in or restore.")
    period: int | None = strawberry.field(default=None, description="Years, 1-10; null for (and only for) restore.")
    tier: str | None = strawberry.field(default=None, description="standard (default) or premium.")
    premium_class: str | None = strawberry.field(
        default=None, description="The registry's premium class; required for (and only for) premium."
    )
    amount: str = strawberry.field(description="Positive decimal below 10^8 with at most 4 places, e.g. `9.99`.")
    currency: str | None = strawberry.field(default=None, description="ISO 4217 code; USD when omitted.")


@strawberry.type(description="Result of `operatorSetRate`.")
class OperatorSetRatePayload:
    rate_card_entry: RateCardEntry | None = strawberry.field(description="The row after the change.")
    outcome: str | None = strawberry.field(description="`created`, `updated` or `unchanged`.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="One rate-card row of a tenant.")
class OperatorDeleteRateInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    entry_id: strawberry.ID = strawberry.field(description="The row's id.")


@strawberry.input(description="A rate card in CSV, applied whole or not at all.")
class OperatorImportRatesInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    csv: str = strawberry.field(
        description="Header `tld,operation,period,tier,premium_class,amount,currency`, then rows."
    )


@strawberry.type(description="Result of `operatorImportRates`; errors name rows as `row N: field`.")
class OperatorImportRatesPayload:
    created: int | None = strawberry.field(description="Rows created.")
    updated: int | None = strawberry.field(description="Rows whose price changed.")
    unchanged: int | None = strawberry.field(description="Rows already at the price given.")
    tlds: list[str] | None = strawberry.field(description="TLDs with a row created or updated.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type
class OperatorPricingMutation:
    @strawberry.mutation(
        description="Set the price of one rate-card key (created, or its amount and currency replaced)."
    )
    async def operator_set_rate(self, info: Info, input: OperatorSetRateInput) -> OperatorSetRatePayload:
        operator = operator_access(info)
        data = rate_cards.RateInput(
            tld=input.tld,
            operation=input.operation,
            period=input.period,
            tier=input.tier,
            premium_class=input.premium_class,
            amount=input.amount,
            currency=input.currency,
        )
        result, errors = await attempt(rate_cards.upsert_rate(context_of(info), operator, input.tenant, data))
        if result is None:
            return OperatorSetRatePayload(rate_card_entry=None, outcome=None, errors=errors)
        return OperatorSetRatePayload(rate_card_entry=RateCardEntry.of(result.entry), outcome=result.outcome, errors=[])

    @strawberry.mutation(description="Delete one rate-card row.")
    async def operator_delete_rate(self, info: Info, input: OperatorDeleteRateInput) -> EmptyPayload:
        operator = operator_access(info)
        action = rate_cards.delete_rate(context_of(info), operator, input.tenant, str(input.entry_id))
        _, errors = await attempt(action)
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Import rate-card rows from CSV: every row validated, then all applied or none.")
    async def operator_import_rates(self, info: Info, input: OperatorImportRatesInput) -> OperatorImportRatesPayload:
        operator = operator_access(info)
        result, errors = await attempt(rate_import.import_rates(context_of(info), operator, input.tenant, input.csv))
        if result is None:
            return OperatorImportRatesPayload(created=None, updated=None, unchanged=None, tlds=None, errors=errors)
        return OperatorImportRatesPayload(
            created=result.created, updated=result.updated, unchanged=result.unchanged, tlds=result.tlds, errors=[]
        )
