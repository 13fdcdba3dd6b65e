"""Mutations of tenant administration; each authorizes once and calls one resolver."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import strawberry
from strawberry.types import Info

from registrar.errors import RegistrarError
from registrar.resolvers.auth import api_keys, oauth_clients, sessions
from registrar.resolvers.tenancy import invitations, members, tenants
from registrar.schema.admin_types import ApiKey, Invitation, Member, OAuthClient, Role
from registrar.schema.context import context_of, tenant_access
from registrar.schema.errors import UserError, user_errors

T = TypeVar("T")


async def attempt(action: Awaitable[T]) -> tuple[T | None, list[UserError]]:
    """Run one resolver call; expected failures become the payload's `errors`."""
    try:
        return await action, []
    except RegistrarError as error:
        return None, user_errors(error)


@strawberry.type(description="Result of a mutation that returns nothing but may fail.")
class EmptyPayload:
    ok: bool = strawberry.field(description="Whether the action happened.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of a membership change.")
class MemberPayload:
    member: Member | None = strawberry.field(description="The membership after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `createInvitation`.")
class InvitationPayload:
    invitation: Invitation | None = strawberry.field(description="The invitation (token is mailed).")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `acceptInvitation`.")
class AcceptInvitationPayload:
    user_id: strawberry.ID | None = strawberry.field(description="The member's user id.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


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


@strawberry.type(description="Result of `updateTenant`.")
class UpdateTenantPayload:
    ok: bool = strawberry.field(description="Whether the tenant was updated.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="Tenant settings to change; omitted fields stay as they are.")
class UpdateTenantInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Display name.")
    transfer_out_mode: str | None = strawberry.field(default=strawberry.UNSET, description="auto or explicit.")
    verification_from_email: str | None = strawberry.field(default=strawberry.UNSET, description="From address.")
    suspension_from_email: str | None = strawberry.field(default=strawberry.UNSET, description="From address.")
    renewal_from_email: str | None = strawberry.field(default=strawberry.UNSET, description="From address.")
    verification_from_phone: str | None = strawberry.field(default=strawberry.UNSET, description="E.164 number.")
    suspension_from_phone: str | None = strawberry.field(default=strawberry.UNSET, description="E.164 number.")
    verification_url_template: str | None = strawberry.field(
        default=strawberry.UNSET, description="https URL containing {{token}}."
    )


@strawberry.input(description="A member of a tenant.")
class MemberInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    user_id: strawberry.ID = strawberry.field(description="The member's user id.")


@strawberry.input(description="A member and a new role.")
class ChangeMemberRoleInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    user_id: strawberry.ID = strawberry.field(description="The member's user id.")
    role: Role = strawberry.field(description="The new role.")


@strawberry.input(description="Someone to invite.")
class CreateInvitationInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    email: str = strawberry.field(description="Address the token is mailed to.")
    role: Role = strawberry.field(description="Role granted on acceptance.")


@strawberry.input(description="An object of a tenant, by id.")
class TenantObjectInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    id: strawberry.ID = strawberry.field(description="The object's id.")


@strawberry.input(description="An invitation token and, for a new user, a password.")
class AcceptInvitationInput:
    token: str = strawberry.field(description="The mailed token.")
    password: str | None = strawberry.field(default=None, description="At least 12 characters.")


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


def _member(result, errors) -> MemberPayload:
    return MemberPayload(member=Member.of(result) if result else None, errors=errors)


@strawberry.type
class TenantAdminMutation:
    @strawberry.mutation(description="Change the tenant's own settings (owner/admin).")
    async def update_tenant(self, info: Info, input: UpdateTenantInput) -> UpdateTenantPayload:
        access = await tenant_access(info, str(input.tenant_id))
        present = {k: v for k, v in vars(input).items() if k != "tenant_id" and v is not strawberry.UNSET}
        result, errors = await attempt(
            tenants.update_tenant(
                context_of(info),
                access,
                tenants.TenantUpdate(**present, present=frozenset(present)),
            )
        )
        return UpdateTenantPayload(ok=result is not None, errors=errors)

    @strawberry.mutation(description="Change a member's role (owner/admin).")
    async def change_member_role(self, info: Info, input: ChangeMemberRoleInput) -> MemberPayload:
        access = await tenant_access(info, str(input.tenant_id))
        return _member(
            *await attempt(members.change_role(context_of(info), access, str(input.user_id), input.role.value))
        )

    @strawberry.mutation(description="Reactivate a deactivated membership (owner/admin).")
    async def activate_member(self, info: Info, input: MemberInput) -> MemberPayload:
        access = await tenant_access(info, str(input.tenant_id))
        return _member(*await attempt(members.set_member_state(context_of(info), access, str(input.user_id), "active")))

    @strawberry.mutation(description="Deactivate a membership (owner/admin).")
    async def deactivate_member(self, info: Info, input: MemberInput) -> MemberPayload:
        access = await tenant_access(info, str(input.tenant_id))
        return _member(
            *await attempt(members.set_member_state(context_of(info), access, str(input.user_id), "deactivated"))
        )

    @strawberry.mutation(description="Remove a membership (owner/admin).")
    async def remove_member(self, info: Info, input: MemberInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(members.remove_member(context_of(info), access, str(input.user_id)))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Invite someone by email (owner/admin).")
    async def create_invitation(self, info: Info, input: CreateInvitationInput) -> InvitationPayload:
        access = await tenant_access(info, str(input.tenant_id))
        result, errors = await attempt(
            invitations.create_invitation(context_of(info), access, input.email, input.role.value)
        )
        return InvitationPayload(invitation=Invitation.of(result) if result else None, errors=errors)

    @strawberry.mutation(description="Revoke a pending invitation (owner/admin).")
    async def revoke_invitation(self, info: Info, input: TenantObjectInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(invitations.revoke_invitation(context_of(info), access, str(input.id)))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Accept an invitation with its mailed token (no sign-in needed).")
    async def accept_invitation(self, info: Info, input: AcceptInvitationInput) -> AcceptInvitationPayload:
        result, errors = await attempt(invitations.accept_invitation(context_of(info), input.token, input.password))
        return AcceptInvitationPayload(user_id=strawberry.ID(result.user_id) if result else None, errors=errors)

    @strawberry.mutation(
        name="createOAuthClient",
        description="Register an OAuth client (owner/admin); the secret is shown once.",
    )
    async def create_oauth_client(self, info: Info, input: CreateOAuthClientInput) -> OAuthClientPayload:
        access = await tenant_access(info, str(input.tenant_id))
        values = {k: v for k, v in vars(input).items() if k != "tenant_id"}
        result, errors = await attempt(
            oauth_clients.create_oauth_client(context_of(info), access, oauth_clients.OAuthClientInput(**values))
        )
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
