"""Reads of the domains area: `domainAvailability`, and the tenant's `domains` (a connection,
filtered as in REST) and `domain` fields."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from registrar.errors import RegistrarError
from registrar.resolvers._shared.pagination import encode_cursor
from registrar.resolvers.domains import availability, registration
from registrar.resolvers.domains import listing as domain_listing
from registrar.schema.common import (
    After,
    Connection,
    First,
    TenantFields,
    UserError,
    check_first,
    connection_of,
    read,
    user_errors,
)
from registrar.schema.context import context_of, tenant_access, top_level_error
from registrar.schema.domains.types import Domain, DomainAvailability, Fee


@strawberry.input(description="Filters of the domain list; the same as the REST query parameters.")
class DomainFilter:
    state: str | None = strawberry.field(default=None, description="Lifecycle state.")
    tld: str | None = strawberry.field(default=None, description="TLD (case-insensitive).")
    name_like: str | None = strawberry.field(default=None, description="Substring of the A-label.")
    unicode_name_like: str | None = strawberry.field(default=None, description="Substring of the U-label.")
    updated_after: datetime | None = strawberry.field(default=None, description="Lower bound of updatedAt.")
    updated_before: datetime | None = strawberry.field(default=None, description="Upper bound of updatedAt.")
    expires_within_days: int | None = strawberry.field(default=None, description="Expiring within N days.")
    renewed_within_days: int | None = strawberry.field(default=None, description="Renewed in the last N days.")
    in_grace: bool | None = strawberry.field(default=None, description="In the auto-renewal grace window.")
    in_redemption: bool | None = strawberry.field(default=None, description="In redemption.")
    nameserver: str | None = strawberry.field(default=None, description="Uses this name server.")
    out_of_sync: bool | None = strawberry.field(default=None, description="Diverges from the registry.")
    registrant_verification_state: str | None = strawberry.field(
        default=None, description="Verification state of the registrant contact."
    )

    def as_query(self) -> dict[str, str]:
        """The same strings REST would receive, so one parser judges both."""
        values: dict[str, str] = {}
        for name, value in vars(self).items():
            if value is None:
                continue
            if isinstance(value, bool):
                values[name] = "true" if value else "false"
            elif isinstance(value, datetime):
                values[name] = value.isoformat()
            else:
                values[name] = str(value)
        return values


@strawberry.type
class DomainTenantFields(TenantFields):
    """The domains area's fields of `Tenant`."""

    @strawberry.field(description="The tenant's live domains, by name; filters as in REST.")
    async def domains(
        self, info: Info, first: First, after: After = None, filter: DomainFilter | None = None
    ) -> Connection[Domain]:
        query = domain_listing.DomainQuery(
            limit=str(check_first(first)), cursor=after, **(filter.as_query() if filter else {})
        )
        page = await read(domain_listing.list_domains(context_of(info), self.access, query))
        return connection_of(
            page,
            [Domain.of(row) for row in page.items],
            lambda row: encode_cursor((row.name, row.id)),
        )

    @strawberry.field(description="One live domain by name, or null.")
    async def domain(self, info: Info, name: str) -> Domain | None:
        try:
            return Domain.of(await registration.get_domain(context_of(info), self.access, name))
        except RegistrarError as error:
            if error.code == "not_found":
                return None
            raise top_level_error(error) from None


@strawberry.type(description="Answer of `domainAvailability`.")
class DomainAvailabilityPayload:
    results: list[DomainAvailability] | None = strawberry.field(
        description="One result per submitted name, in submitted order."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing was checked, if so.")


@strawberry.type
class DomainQuery:
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
