"""The hosts area: the `Host` node, the host queries and the host mutations; each field takes
`tenantId`, authorizes once and calls one resolver."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.resolvers._shared.pagination import encode_cursor
from registrar.resolvers.hosts import records as host_records
from registrar.schema.common import (
    After,
    Connection,
    EmptyPayload,
    First,
    Node,
    ObjectAvailability,
    TenantId,
    UserError,
    attempt,
    check_first,
    connection_of,
    read,
    read_or_none,
)
from registrar.schema.context import context_of, tenant_access


@strawberry.type(description="A name server host.")
class Host(Node):
    row: strawberry.Private[models.Host]

    @strawberry.field(description="Host name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="IPv4 and IPv6 addresses (glue), for subordinate hosts.")
    def addresses(self) -> list[str]:
        return list(self.row.addresses)

    @strawberry.field(description="Whether the host lies under a domain of this tenant.")
    def subordinate(self) -> bool:
        return self.row.subordinate

    @strawberry.field(description="EPP statuses, as last seen at the registry.")
    def statuses(self) -> list[str]:
        return list(self.row.statuses)

    @strawberry.field(description="`active` while usable as a name server.")
    def state(self) -> str:
        return self.row.state

    @strawberry.field(description="When the host last changed.")
    def updated_at(self) -> datetime:
        return self.row.updated_at


def _host(row: models.Host | None) -> Host | None:
    return Host(id=strawberry.ID(row.id), row=row) if row is not None else None


@strawberry.type
class HostQuery:
    @strawberry.field(description="Whether a host name is free in the tenant.")
    async def host_name_availability(self, info: Info, tenant_id: TenantId, name: str) -> ObjectAvailability:
        access = await tenant_access(info, str(tenant_id))
        host_name, free = await read(host_records.check_host(context_of(info), access, name))
        return ObjectAvailability(name=host_name, available=free)

    @strawberry.field(description="The tenant's hosts, by name.")
    async def hosts(self, info: Info, tenant_id: TenantId, first: First, after: After = None) -> Connection[Host]:
        access = await tenant_access(info, str(tenant_id))
        page = await read(host_records.list_hosts(context_of(info), access, limit=check_first(first), cursor=after))
        nodes = [Host(id=strawberry.ID(row.id), row=row) for row in page.items]
        return connection_of(page, nodes, lambda row: encode_cursor((row.name, row.id)))

    @strawberry.field(description="One host by name, or null.")
    async def host(self, info: Info, tenant_id: TenantId, name: str) -> Host | None:
        access = await tenant_access(info, str(tenant_id))
        row = await read_or_none(host_records.get_host(context_of(info), access, name))
        return _host(row)


@strawberry.type(description="Result of a host mutation.")
class HostPayload:
    host: Host | None = strawberry.field(description="The host after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="A host of a tenant, by name.")
class HostRefInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Host name.")


@strawberry.input(description="A new host; subordinate hosts need addresses, external ones have none.")
class CreateHostInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Fully qualified host name.")
    addresses: list[str] | None = strawberry.field(default=None, description="IPv4/IPv6 glue addresses.")


@strawberry.input(description="Glue addresses to add to and remove from a subordinate host.")
class UpdateHostAddressesInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Host name.")
    add: list[str] | None = strawberry.field(default=None, description="Addresses to add.")
    rem: list[str] | None = strawberry.field(default=None, description="Addresses to remove.")


@strawberry.input(description="A subordinate host and its new name.")
class RenameHostInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Current host name.")
    new_name: str = strawberry.field(description="New host name, under a domain of the same account.")


@strawberry.type
class HostMutation:
    @strawberry.mutation(description="Create a host; a subordinate one also at its registry.")
    async def create_host(self, info: Info, input: CreateHostInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(host_records.create_host(context_of(info), access, input.name, input.addresses))
        return HostPayload(host=_host(row), errors=errors)

    @strawberry.mutation(description="Add and remove glue addresses of a subordinate host.")
    async def update_host_addresses(self, info: Info, input: UpdateHostAddressesInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(
            host_records.update_host_addresses(context_of(info), access, input.name, input.add, input.rem)
        )
        return HostPayload(host=_host(row), errors=errors)

    @strawberry.mutation(description="Rename a subordinate host; delegating domains follow.")
    async def rename_host(self, info: Info, input: RenameHostInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(host_records.rename_host(context_of(info), access, input.name, input.new_name))
        return HostPayload(host=_host(row), errors=errors)

    @strawberry.mutation(description="Delete a host no live domain delegates to.")
    async def delete_host(self, info: Info, input: HostRefInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(host_records.delete_host(context_of(info), access, input.name))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Write the registry's view of a subordinate host onto it.")
    async def reconcile_host(self, info: Info, input: HostRefInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(host_records.reconcile_host(context_of(info), access, input.name))
        return HostPayload(host=_host(row), errors=errors)
