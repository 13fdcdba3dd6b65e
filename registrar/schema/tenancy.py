"""The tenancy area: the `Tenant` node (the entry point to everything a tenant holds, composed
from each area's field mixin), members, invitations, the root `tenant` field and the mutations
of tenant administration; each authorizes once and calls one resolver."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.resolvers.tenancy import invitations, members, tenants
from registrar.schema.auth import AuthTenantFields
from registrar.schema.common import EmptyPayload, Node, TenantFields, TenantObjectInput, UserError, attempt, read
from registrar.schema.contacts import ContactTenantFields
from registrar.schema.context import context_of, supplied_fields, tenant_access
from registrar.schema.domains.queries import DomainTenantFields


@strawberry.enum(description="A member's role in a tenant.")
class Role(Enum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"


@strawberry.type(description="A user's membership in the tenant.")
class Member(Node):
    row: strawberry.Private[models.Membership]

    @strawberry.field(description="The member's user id.")
    def user_id(self) -> strawberry.ID:
        return strawberry.ID(self.row.user_id)

    @strawberry.field(description="Role in the tenant.")
    def role(self) -> Role:
        return Role(self.row.role)

    @strawberry.field(description="`active` or `deactivated`.")
    def state(self) -> str:
        return self.row.state

    @strawberry.field(description="When the membership began.")
    def inserted_at(self) -> datetime:
        return self.row.inserted_at

    @classmethod
    def of(cls, row: models.Membership) -> Member:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="An invitation to join the tenant (its token is only mailed).")
class Invitation(Node):
    row: strawberry.Private[models.Invitation]

    @strawberry.field(description="Invited address.")
    def email(self) -> str:
        return self.row.email

    @strawberry.field(description="Role granted on acceptance.")
    def role(self) -> Role:
        return Role(self.row.role)

    @strawberry.field(description="`pending`, `accepted` or `revoked`.")
    def state(self) -> str:
        return self.row.state

    @strawberry.field(description="When the invitation stops working.")
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field(description="When it was accepted, if it was.")
    def accepted_at(self) -> datetime | None:
        return self.row.accepted_at

    @classmethod
    def of(cls, row: models.Invitation) -> Invitation:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type
class TenancyTenantFields(TenantFields):
    """The tenancy area's own fields of `Tenant`."""

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
        rows = await read(members.list_members(context_of(info), self.access))
        return [Member.of(row) for row in rows]

    @strawberry.field(description="Every invitation of the tenant.")
    async def invitations(self, info: Info) -> list[Invitation]:
        rows = await read(invitations.list_invitations(context_of(info), self.access))
        return [Invitation.of(row) for row in rows]


@strawberry.type(description="A registrar or reseller on the platform.")
class Tenant(TenancyTenantFields, AuthTenantFields, DomainTenantFields, ContactTenantFields):
    """Composed from each area's `TenantFields` mixin; the fields follow the order of the mixins,
    as schema.graphql lists them. An area adds a field to its own mixin; only a new area touches
    this list, and no area imports another to reach `Tenant`."""


@strawberry.type
class TenancyQuery:
    @strawberry.field(description="A tenant the caller may act in (403-class errors otherwise).")
    async def tenant(self, info: Info, id: strawberry.ID) -> Tenant:
        access = await tenant_access(info, str(id))
        return Tenant(id=strawberry.ID(access.tenant_id), access=access)


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


@strawberry.input(description="An invitation token and, for a new user, a password.")
class AcceptInvitationInput:
    token: str = strawberry.field(description="The mailed token.")
    password: str | None = strawberry.field(default=None, description="At least 12 characters.")


def _member(result, errors) -> MemberPayload:
    return MemberPayload(member=Member.of(result) if result else None, errors=errors)


@strawberry.type
class TenancyMutation:
    @strawberry.mutation(description="Change the tenant's own settings (owner/admin).")
    async def update_tenant(self, info: Info, input: UpdateTenantInput) -> UpdateTenantPayload:
        access = await tenant_access(info, str(input.tenant_id))
        patch = supplied_fields(input, "tenant_id")
        result, errors = await attempt(tenants.update_tenant(context_of(info), access, patch))
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
