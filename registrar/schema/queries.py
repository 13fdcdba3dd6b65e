"""Root query fields."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from registrar.errors import RegistrarError
from registrar.resolvers.domains import availability
from registrar.schema.context import context_of, tenant_access
from registrar.schema.errors import UserError, user_errors
from registrar.schema.tenant import Tenant
from registrar.schema.types import DomainAvailability, Fee


@strawberry.type(description="Answer of `domainAvailability`.")
class DomainAvailabilityPayload:
    results: list[DomainAvailability] | None = strawberry.field(
        description="One result per submitted name, in submitted order."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing was checked, if so.")


@strawberry.type
class DomainQuery:
    @strawberry.field(description="A tenant the caller may act in (403-class errors otherwise).")
    async def tenant(self, info: Info, id: strawberry.ID) -> Tenant:
        access = await tenant_access(info, str(id))
        return Tenant(id=strawberry.ID(access.tenant_id), access=access)

    @strawberry.field(description="Availability and fees of one or more names at their registries.")
    async def domain_availability(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        names: list[str],
        fee_commands: Annotated[
            list[str] | None, strawberry.argument(description="create, renew, transfer, restore.")
        ] = None,
        fee_period: int | None = None,
        idn_language: str | None = None,
    ) -> DomainAvailabilityPayload:
        access = await tenant_access(info, str(tenant_id))
        try:
            result = await availability.check_domains(
                context_of(info),
                access,
                availability.CheckInput(
                    names=names,
                    fee_commands=fee_commands,
                    fee_period=fee_period,
                    idn_language=idn_language,
                ),
            )
        except RegistrarError as error:
            return DomainAvailabilityPayload(results=None, errors=user_errors(error))
        return DomainAvailabilityPayload(
            results=[
                DomainAvailability(
                    name=item.name,
                    status=item.status,
                    fees=[Fee(**vars(fee)) for fee in item.fees],
                    premium_marker=item.premium_marker,
                    error=item.error,
                )
                for item in result.results
            ],
            errors=[],
        )
