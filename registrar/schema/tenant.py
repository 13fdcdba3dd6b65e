"""The `Tenant` node: the entry point to everything a tenant holds."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from registrar.errors import RegistrarError
from registrar.resolvers import contacts, domains
from registrar.resolvers.access import TenantAccess
from registrar.resolvers.pagination import encode_cursor
from registrar.schema.connections import Connection, check_first, connection_of
from registrar.schema.context import context_of, top_level_error
from registrar.schema.types import Contact, Domain, Node

First = Annotated[int, strawberry.argument(description="Page size, 1 to 100.")]
After = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]


@strawberry.type(description="A registrar or reseller on the platform.")
class Tenant(Node):
    access: strawberry.Private[TenantAccess]

    @strawberry.field(description="Display name.")
    def name(self) -> str:
        return self.access.tenant.name

    @strawberry.field(description="URL-safe unique slug.")
    def slug(self) -> str:
        return self.access.tenant.slug

    @strawberry.field(description="`active` or `suspended`.")
    def status(self) -> str:
        return self.access.tenant.status

    @strawberry.field(description="When the tenant was created.")
    def inserted_at(self) -> datetime:
        return self.access.tenant.inserted_at

    @strawberry.field(description="The tenant's live domains, by name.")
    async def domains(self, info: Info, first: First, after: After = None) -> Connection[Domain]:
        try:
            page = await domains.list_domains(
                context_of(info), self.access, limit=check_first(first), cursor=after
            )
        except RegistrarError as error:
            raise top_level_error(error) from None
        return connection_of(
            page, [Domain.of(row) for row in page.items], lambda row: encode_cursor((row.name, row.id))
        )

    @strawberry.field(description="One live domain by name, or null.")
    async def domain(self, info: Info, name: str) -> Domain | None:
        try:
            return Domain.of(await domains.get_domain(context_of(info), self.access, name))
        except RegistrarError as error:
            if error.code == "not_found":
                return None
            raise top_level_error(error) from None

    @strawberry.field(description="The tenant's contacts, by handle.")
    async def contacts(self, info: Info, first: First, after: After = None) -> Connection[Contact]:
        try:
            page = await contacts.list_contacts(
                context_of(info), self.access, limit=check_first(first), cursor=after
            )
        except RegistrarError as error:
            raise top_level_error(error) from None
        return connection_of(
            page, [Contact.of(row) for row in page.items], lambda row: encode_cursor((row.handle, row.id))
        )

    @strawberry.field(description="One contact by handle, or null.")
    async def contact(self, info: Info, handle: str) -> Contact | None:
        try:
            return Contact.of(await contacts.get_contact(context_of(info), self.access, handle))
        except RegistrarError as error:
            if error.code == "not_found":
                return None
            raise top_level_error(error) from None
