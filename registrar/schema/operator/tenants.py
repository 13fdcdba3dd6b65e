"""The operator's tenants in GraphQL: `operator { tenants tenant(idOrSlug) }` with each tenant's
members and invitations, and the `operator…` mutations over `registrar/resolvers/operator/
tenants.py`, `memberships.py`, `tenant_clients.py` and `users.py`."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.resolvers._shared.pagination import encode_cursor
from registrar.resolvers.auth.oauth_clients import OAuthClientInput
from registrar.resolvers.operator import memberships, tenant_clients, tenants, users
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.schema.auth import OAuthClient, OAuthClientPayload
from registrar.schema.common import (
    After,
    Connection,
    EmptyPayload,
    Filter,
    First,
    Node,
    UserError,
    attempt,
    check_first,
    connection_of,
    read,
    read_or_none,
)
from registrar.schema.context import context_of, operator_access, supplied_fields
from registrar.schema.operator.common import OperatorFields
from registrar.schema.tenancy import Invitation, Member, Role

TENANT_REFERENCE = "The tenant's id or slug."
TenantReference = Annotated[str, strawberry.argument(description=TENANT_REFERENCE)]
NameFilter = Annotated[str | None, strawberry.argument(description="Only names containing this, in any case.")]


@strawberry.enum(description="Whether a tenant may act.")
class TenantStatus(Enum):
    ACTIVE = strawberry.enum_value("active", description="Its credentials work.")
    SUSPENDED = strawberry.enum_value("suspended", description="Every credential of it was revoked; none is issued.")


StatusFilter = Annotated[TenantStatus | None, strawberry.argument(description="Only tenants in this status.")]


@strawberry.type(description="A tenant's member as the operator sees it: with the person's email.")
class OperatorMember(Member):
    email: str = strawberry.field(description="The member's sign-in email.")
    email_verified: bool = strawberry.field(description="Whether that email is verified.")

    @classmethod
    def of_member(cls, member: memberships.Member) -> OperatorMember:
        row = member.membership
        return cls(id=strawberry.ID(row.id), row=row, email=member.email, email_verified=member.email_verified)


@strawberry.type(description="A tenant as the operator sees it: its settings, members and invitations.")
class OperatorTenant(Node):
    row: strawberry.Private[models.Tenant]
    operator: strawberry.Private[OperatorAccess]

    @strawberry.field(description="Display name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="URL-safe unique slug.")
    def slug(self) -> str:
        return self.row.slug

    @strawberry.field(description="Whether the tenant may act.")
    def status(self) -> TenantStatus:
        return TenantStatus(self.row.status)

    @strawberry.field(description="Its IANA registrar id, unique across tenants.")
    def iana_registrar_id(self) -> int | None:
        return self.row.iana_registrar_id

    @strawberry.field(description="Where abuse reports about its domains go.")
    def abuse_email(self) -> str | None:
        return self.row.abuse_email

    @strawberry.field(description="An https form for abuse reports.")
    def abuse_form_url(self) -> str | None:
        return self.row.abuse_form_url

    @strawberry.field(description="Whether the 60-day lock after a transfer or registrant change is waived.")
    def transfer_lock_opt_out(self) -> bool:
        return self.row.transfer_lock_opt_out

    @strawberry.field(description="When it was approved as a reseller; null when it is not one.")
    def reseller_approved_at(self) -> datetime | None:
        return self.row.reseller_approved_at

    @strawberry.field(description="When it was created.")
    def inserted_at(self) -> datetime:
        return self.row.inserted_at

    @strawberry.field(description="When its settings last changed.")
    def updated_at(self) -> datetime:
        return self.row.updated_at

    @strawberry.field(description="Every membership of the tenant with its user's email, oldest first.")
    async def members(self, info: Info) -> list[OperatorMember]:
        rows = await read(memberships.list_tenant_members(context_of(info), self.operator, self.row.id))
        return [OperatorMember.of_member(row) for row in rows]

    @strawberry.field(description="Every invitation of the tenant, oldest first.")
    async def invitations(self, info: Info) -> list[Invitation]:
        rows = await read(memberships.list_tenant_invitations(context_of(info), self.operator, self.row.id))
        return [Invitation.of(row) for row in rows]

    @classmethod
    def of(cls, row: models.Tenant, operator: OperatorAccess) -> OperatorTenant:
        return cls(id=strawberry.ID(row.id), row=row, operator=operator)


@strawberry.type
class OperatorTenantsFields(OperatorFields):
    @strawberry.field(description="Tenants by slug, filtered by exact status and slug and by part of the name.")
    async def tenants(
        self,
        info: Info,
        first: First = 100,
        after: After = None,
        status: StatusFilter = None,
        slug: Filter = None,
        name: NameFilter = None,
    ) -> Connection[OperatorTenant]:
        filters = tenants.TenantFilter(status=status.value if status else None, slug=slug, name=name)
        page = await read(
            tenants.list_tenants(context_of(info), self.operator, filters, limit=check_first(first), cursor=after)
        )
        nodes = [OperatorTenant.of(row, self.operator) for row in page.items]
        return connection_of(page, nodes, lambda row: encode_cursor([row.slug, row.id]))

    @strawberry.field(description="One tenant by id or slug; null when there is none.")
    async def tenant(self, info: Info, id_or_slug: TenantReference) -> OperatorTenant | None:
        row = await read_or_none(tenants.get_tenant(context_of(info), self.operator, id_or_slug))
        return OperatorTenant.of(row, self.operator) if row else None


@strawberry.input(description="A new tenant.")
class OperatorCreateTenantInput:
    name: str = strawberry.field(description="Display name.")
    slug: str = strawberry.field(description="Unique slug: 2-63 lower-case letters, digits and hyphens.")
    iana_registrar_id: int | None = strawberry.field(default=None, description="IANA registrar id, if accredited.")
    abuse_email: str | None = strawberry.field(default=None, description="Abuse contact address.")
    abuse_form_url: str | None = strawberry.field(default=None, description="https URL of an abuse form.")
    transfer_lock_opt_out: bool = strawberry.field(default=False, description="Waive the 60-day transfer lock.")


@strawberry.input(description="A tenant's settings to change; omitted fields stay, null clears the optional ones.")
class OperatorUpdateTenantInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Display name.")
    iana_registrar_id: int | None = strawberry.field(default=strawberry.UNSET, description="IANA registrar id.")
    abuse_email: str | None = strawberry.field(default=strawberry.UNSET, description="Abuse contact address.")
    abuse_form_url: str | None = strawberry.field(default=strawberry.UNSET, description="https URL of an abuse form.")
    transfer_lock_opt_out: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Waive the 60-day transfer lock."
    )


@strawberry.input(description="A tenant to act on.")
class OperatorTenantInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)


@strawberry.input(description="Someone to invite to a tenant, with any role.")
class OperatorInviteMemberInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    email: str = strawberry.field(description="The invitee's address (the invitation is mailed there too).")
    role: Role = strawberry.field(description="Role granted on acceptance.")


@strawberry.input(description="A tenant's pending invitation.")
class OperatorRevokeInvitationInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    id: strawberry.ID = strawberry.field(description="The invitation's id.")


@strawberry.input(description="A new OAuth client of a tenant (tenant scopes only).")
class OperatorCreateTenantClientInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    name: str = strawberry.field(description="Display name.")
    client_type: str = strawberry.field(description="confidential or public.")
    allowed_flows: list[str] = strawberry.field(description="authorization_code, client_credentials.")
    allowed_scopes: list[str] = strawberry.field(description="read, write, directory:read.")
    redirect_uris: list[str] | None = strawberry.field(default=None, description="Exact redirect URIs.")
    access_token_ttl_seconds: int | None = strawberry.field(default=None, description="Default 3600.")
    refresh_token_ttl_seconds: int | None = strawberry.field(default=None, description="Enables refresh.")


@strawberry.input(description="A user to send a new email-verification link.")
class OperatorResendVerificationInput:
    email: str = strawberry.field(description="The user's address (any case).")


@strawberry.type(description="Result of an operator action on a tenant.")
class OperatorTenantPayload:
    tenant: OperatorTenant | None = strawberry.field(description="The tenant after the action.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `operatorInviteMember`: the token appears here once.")
class OperatorInvitationPayload:
    invitation: Invitation | None = strawberry.field(description="The invitation.")
    token: str | None = strawberry.field(description="Its token, shown this once (it is also mailed).")
    accept_url: str | None = strawberry.field(description="Where the invitee POSTs to accept it.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


def _tenant_payload(operator: OperatorAccess, result: models.Tenant | None, errors) -> OperatorTenantPayload:
    return OperatorTenantPayload(tenant=OperatorTenant.of(result, operator) if result else None, errors=errors)


@strawberry.type
class OperatorTenantsMutation:
    @strawberry.mutation(description="Create a tenant.")
    async def operator_create_tenant(self, info: Info, input: OperatorCreateTenantInput) -> OperatorTenantPayload:
        operator = operator_access(info)
        data = tenants.NewTenant(**vars(input))
        return _tenant_payload(operator, *await attempt(tenants.create_tenant(context_of(info), operator, data)))

    @strawberry.mutation(
        description="Change a tenant's name, IANA registrar id, abuse contacts or transfer-lock opt-out."
    )
    async def operator_update_tenant(self, info: Info, input: OperatorUpdateTenantInput) -> OperatorTenantPayload:
        operator = operator_access(info)
        patch = supplied_fields(input, "tenant")
        action = tenants.update_tenant(context_of(info), operator, input.tenant, patch)
        return _tenant_payload(operator, *await attempt(action))

    @strawberry.mutation(description="Suspend a tenant: every credential of it is revoked.")
    async def operator_suspend_tenant(self, info: Info, input: OperatorTenantInput) -> OperatorTenantPayload:
        operator = operator_access(info)
        action = tenants.set_tenant_status(context_of(info), operator, input.tenant, "suspended")
        return _tenant_payload(operator, *await attempt(action))

    @strawberry.mutation(description="Reactivate a suspended tenant (its old credentials stay revoked).")
    async def operator_reactivate_tenant(self, info: Info, input: OperatorTenantInput) -> OperatorTenantPayload:
        operator = operator_access(info)
        action = tenants.set_tenant_status(context_of(info), operator, input.tenant, "active")
        return _tenant_payload(operator, *await attempt(action))

    @strawberry.mutation(description="Approve a tenant as a reseller.")
    async def operator_approve_reseller(self, info: Info, input: OperatorTenantInput) -> OperatorTenantPayload:
        operator = operator_access(info)
        action = tenants.approve_reseller(context_of(info), operator, input.tenant)
        return _tenant_payload(operator, *await attempt(action))

    @strawberry.mutation(description="Withdraw a tenant's reseller approval.")
    async def operator_revoke_reseller(self, info: Info, input: OperatorTenantInput) -> OperatorTenantPayload:
        operator = operator_access(info)
        action = tenants.revoke_reseller_approval(context_of(info), operator, input.tenant)
        return _tenant_payload(operator, *await attempt(action))

    @strawberry.mutation(description="Invite someone to a tenant with any role; the token is returned once.")
    async def operator_invite_member(self, info: Info, input: OperatorInviteMemberInput) -> OperatorInvitationPayload:
        operator = operator_access(info)
        action = memberships.invite_member(context_of(info), operator, input.tenant, input.email, input.role.value)
        issued, errors = await attempt(action)
        if issued is None:
            return OperatorInvitationPayload(invitation=None, token=None, accept_url=None, errors=errors)
        return OperatorInvitationPayload(
            invitation=Invitation.of(issued.invitation), token=issued.token, accept_url=issued.accept_url, errors=[]
        )

    @strawberry.mutation(description="Revoke a tenant's pending invitation.")
    async def operator_revoke_invitation(self, info: Info, input: OperatorRevokeInvitationInput) -> EmptyPayload:
        operator = operator_access(info)
        action = memberships.revoke_tenant_invitation(context_of(info), operator, input.tenant, str(input.id))
        _, errors = await attempt(action)
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Register an OAuth client for a tenant; the secret is shown once.")
    async def operator_create_tenant_client(
        self, info: Info, input: OperatorCreateTenantClientInput
    ) -> OAuthClientPayload:
        operator = operator_access(info)
        fields = {name: value for name, value in vars(input).items() if name != "tenant"}
        action = tenant_clients.create_tenant_client(
            context_of(info), operator, input.tenant, OAuthClientInput(**fields)
        )
        result, errors = await attempt(action)
        return OAuthClientPayload(
            oauth_client=OAuthClient.of(result.client) if result else None,
            client_secret=result.client_secret if result else None,
            errors=errors,
        )

    @strawberry.mutation(description="Send a user a new email-verification link (the token is only mailed).")
    async def operator_resend_verification(self, info: Info, input: OperatorResendVerificationInput) -> EmptyPayload:
        operator = operator_access(info)
        _, errors = await attempt(users.resend_verification(context_of(info), operator, input.email))
        return EmptyPayload(ok=not errors, errors=errors)
