"""The `Tenant` node: the entry point to everything a tenant holds."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Annotated, TypeVar

import strawberry
from strawberry.types import Info

from registrar.errors import RegistrarError
from registrar.resolvers._shared.pagination import encode_cursor
from registrar.resolvers.auth import api_keys, oauth_clients, sessions
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.contacts import records as contact_records
from registrar.resolvers.domains import listing as domain_listing
from registrar.resolvers.domains import registration
from registrar.resolvers.tenancy import invitations, members
from registrar.schema.admin_types import ApiKey, Invitation, Member, OAuthClient, Session
from registrar.schema.connections import Connection, check_first, connection_of
from registrar.schema.context import context_of, top_level_error
from registrar.schema.types import Contact, Domain, Node

T = TypeVar("T")


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


async def _or_top_level(action: Awaitable[T]) -> T:
    """Reads fail only on authorization (scope, role): those are top-level errors."""
    try:
        return await action
    except RegistrarError as error:
        raise top_level_error(error) from None


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

    @strawberry.field(description="Every membership of the tenant.")
    async def members(self, info: Info) -> list[Member]:
        rows = await _or_top_level(members.list_members(context_of(info), self.access))
        return [Member.of(row) for row in rows]

    @strawberry.field(description="Every invitation of the tenant.")
    async def invitations(self, info: Info) -> list[Invitation]:
        rows = await _or_top_level(invitations.list_invitations(context_of(info), self.access))
        return [Invitation.of(row) for row in rows]

    @strawberry.field(description="The tenant's OAuth clients (never their secrets).")
    async def oauth_clients(self, info: Info) -> list[OAuthClient]:
        rows = await _or_top_level(oauth_clients.list_oauth_clients(context_of(info), self.access))
        return [OAuthClient.of(row) for row in rows]

    @strawberry.field(description="The caller's own active sessions in this tenant.")
    async def sessions(self, info: Info) -> list[Session]:
        rows = await _or_top_level(sessions.list_sessions(context_of(info), self.access))
        return [Session.of(row) for row in rows]

    @strawberry.field(description="The tenant's API keys (owner/admin; never their secrets).")
    async def api_keys(self, info: Info) -> list[ApiKey]:
        rows = await _or_top_level(api_keys.list_api_keys(context_of(info), self.access))
        return [ApiKey.of(row) for row in rows]

    @strawberry.field(description="The tenant's live domains, by name; filters as in REST.")
    async def domains(
        self, info: Info, first: First, after: After = None, filter: DomainFilter | None = None
    ) -> Connection[Domain]:
        query = domain_listing.DomainQuery(
            limit=str(check_first(first)), cursor=after, **(filter.as_query() if filter else {})
        )
        page = await _or_top_level(domain_listing.list_domains(context_of(info), self.access, query))
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

    @strawberry.field(description="The tenant's contacts, by handle.")
    async def contacts(self, info: Info, first: First, after: After = None) -> Connection[Contact]:
        try:
            page = await contact_records.list_contacts(
                context_of(info), self.access, limit=check_first(first), cursor=after
            )
        except RegistrarError as error:
            raise top_level_error(error) from None
        return connection_of(
            page,
            [Contact.of(row) for row in page.items],
            lambda row: encode_cursor((row.handle, row.id)),
        )

    @strawberry.field(description="One contact by handle, or null.")
    async def contact(self, info: Info, handle: str) -> Contact | None:
        try:
            return Contact.of(await contact_records.get_contact(context_of(info), self.access, handle))
        except RegistrarError as error:
            if error.code == "not_found":
                return None
            raise top_level_error(error) from None
