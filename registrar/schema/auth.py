"""The auth area's tenant credentials: OAuth clients, the caller's sessions and API keys — the
types, the tenant's fields listing them and the mutations; each authorizes once and calls one
resolver. Secrets never appear here except in the one payload that creates them."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.resolvers.auth import api_keys, oauth_clients, sessions
from registrar.schema.common import (
    EmptyPayload,
    Node,
    TenantFields,
    TenantObjectInput,
    UserError,
    attempt,
    input_fields,
    read,
)
from registrar.schema.context import context_of, tenant_access


@strawberry.type(description="An OAuth client registered in the tenant.")
class OAuthClient(Node):
    row: strawberry.Private[models.OAuthClient]

    @strawberry.field(description="Public client identifier.")
    def client_id(self) -> str:
        return self.row.client_id

    @strawberry.field(description="Display name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="`confidential` or `public`.")
    def client_type(self) -> str:
        return self.row.client_type

    @strawberry.field(description="Grant types it may use.")
    def allowed_flows(self) -> list[str]:
        return list(self.row.allowed_flows)

    @strawberry.field(description="Scopes it may request.")
    def allowed_scopes(self) -> list[str]:
        return list(self.row.allowed_scopes)

    @strawberry.field(description="Registered redirect URIs (exact match).")
    def redirect_uris(self) -> list[str]:
        return list(self.row.redirect_uris)

    @strawberry.field(description="Access-token lifetime in seconds.")
    def access_token_ttl_seconds(self) -> int:
        return self.row.access_token_ttl_seconds

    @strawberry.field(description="Refresh-token lifetime in seconds; null when none are issued.")
    def refresh_token_ttl_seconds(self) -> int | None:
        return self.row.refresh_token_ttl_seconds

    @classmethod
    def of(cls, row: models.OAuthClient) -> OAuthClient:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="One of the caller's signed-in sessions.")
class Session(Node):
    row: strawberry.Private[models.UserSession]

    @strawberry.field(description="Address the session was opened from.")
    def ip_address(self) -> str | None:
        return self.row.ip_address

    @strawberry.field(description="User agent that opened it.")
    def user_agent(self) -> str | None:
        return self.row.user_agent

    @strawberry.field(description="When it ends.")
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field(description="When it began.")
    def inserted_at(self) -> datetime:
        return self.row.inserted_at

    @classmethod
    def of(cls, row: models.UserSession) -> Session:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="A personal access token of the tenant (its secret is shown once).")
class ApiKey(Node):
    row: strawberry.Private[models.ApiKey]

    @strawberry.field(description="Display name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Non-secret prefix, to recognise the key.")
    def prefix(self) -> str:
        return self.row.prefix

    @strawberry.field(description="Scopes the key carries.")
    def scopes(self) -> list[str]:
        return list(self.row.scopes)

    @strawberry.field(description="When the key stops working, if ever.")
    def expires_at(self) -> datetime | None:
        return self.row.expires_at

    @classmethod
    def of(cls, row: models.ApiKey) -> ApiKey:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type
class AuthTenantFields(TenantFields):
    """The auth area's fields of `Tenant`."""

    @strawberry.field(description="The tenant's OAuth clients (never their secrets).")
    async def oauth_clients(self, info: Info) -> list[OAuthClient]:
        rows = await read(oauth_clients.list_oauth_clients(context_of(info), self.access))
        return [OAuthClient.of(row) for row in rows]

    @strawberry.field(description="The caller's own active sessions in this tenant.")
    async def sessions(self, info: Info) -> list[Session]:
        rows = await read(sessions.list_sessions(context_of(info), self.access))
        return [Session.of(row) for row in rows]

    @strawberry.field(description="The tenant's API keys (owner/admin; never their secrets).")
    async def api_keys(self, info: Info) -> list[ApiKey]:
        rows = await read(api_keys.list_api_keys(context_of(info), self.access))
        return [ApiKey.of(row) for row in rows]


@strawberry.type(description="An OAuth client with its secret, shown only here and only once.")
class OAuthClientPayload:
    oauth_client: OAuthClient | None = strawberry.field(description="The client.")
    client_secret: str | None = strawberry.field(description="Plain secret (confidential clients).")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="An API key with its secret, shown only here and only once.")
class ApiKeyPayload:
    api_key: ApiKey | None = strawberry.field(description="The key.")
    secret: str | None = strawberry.field(description="The bearer secret (`rk_…`).")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="A new OAuth client.")
class CreateOAuthClientInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Display name.")
    client_type: str = strawberry.field(description="confidential or public.")
    allowed_flows: list[str] = strawberry.field(description="authorization_code, client_credentials.")
    allowed_scopes: list[str] = strawberry.field(description="read, write, directory:read.")
    redirect_uris: list[str] | None = strawberry.field(default=None, description="Exact redirect URIs.")
    access_token_ttl_seconds: int | None = strawberry.field(default=None, description="Default 3600.")
    refresh_token_ttl_seconds: int | None = strawberry.field(default=None, description="Enables refresh.")


@strawberry.input(description="A new API key.")
class CreateApiKeyInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Display name.")
    scopes: list[str] = strawberry.field(description="read and/or write.")
    expires_in_days: int | None = strawberry.field(default=None, description="1 to 365; none = no expiry.")


@strawberry.type
class AuthMutation:
    @strawberry.mutation(
        name="createOAuthClient",
        description="Register an OAuth client (owner/admin); the secret is shown once.",
    )
    async def create_oauth_client(self, info: Info, input: CreateOAuthClientInput) -> OAuthClientPayload:
        access = await tenant_access(info, str(input.tenant_id))
        data = oauth_clients.OAuthClientInput(**input_fields(input))
        result, errors = await attempt(oauth_clients.create_oauth_client(context_of(info), access, data))
        return OAuthClientPayload(
            oauth_client=OAuthClient.of(result.client) if result else None,
            client_secret=result.client_secret if result else None,
            errors=errors,
        )

    @strawberry.mutation(
        name="rotateOAuthClientSecret",
        description="Rotate a confidential client's secret; the old one dies at once.",
    )
    async def rotate_oauth_client_secret(self, info: Info, input: TenantObjectInput) -> OAuthClientPayload:
        access = await tenant_access(info, str(input.tenant_id))
        result, errors = await attempt(oauth_clients.rotate_client_secret(context_of(info), access, str(input.id)))
        return OAuthClientPayload(
            oauth_client=OAuthClient.of(result.client) if result else None,
            client_secret=result.client_secret if result else None,
            errors=errors,
        )

    @strawberry.mutation(
        name="revokeOAuthClient",
        description="Revoke an OAuth client and every token it was issued.",
    )
    async def revoke_oauth_client(self, info: Info, input: TenantObjectInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(oauth_clients.revoke_oauth_client(context_of(info), access, str(input.id)))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Revoke one of the caller's sessions.")
    async def revoke_session(self, info: Info, input: TenantObjectInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(sessions.revoke_session(context_of(info), access, str(input.id)))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Create an API key (owner/admin); the secret is shown once.")
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> ApiKeyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        result, errors = await attempt(
            api_keys.create_api_key(context_of(info), access, input.name, input.scopes, input.expires_in_days)
        )
        return ApiKeyPayload(
            api_key=ApiKey.of(result.key) if result else None,
            secret=result.secret if result else None,
            errors=errors,
        )

    @strawberry.mutation(description="Revoke an API key (owner/admin).")
    async def revoke_api_key(self, info: Info, input: TenantObjectInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(api_keys.revoke_api_key(context_of(info), access, str(input.id)))
        return EmptyPayload(ok=not errors, errors=errors)
