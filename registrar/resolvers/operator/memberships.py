"""The operator and a tenant's people: its members and invitations, inviting anyone with any
role (the token is handed to the operator once, besides the mail), and revoking an invitation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from registrar.context import RequestContext
from registrar.crypto import random_token
from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import Invitation, Membership, User
from registrar.resolvers.operator.audit import REDACTED, diff, record
from registrar.resolvers.operator.guard import OperatorAccess, load_tenant
from registrar.resolvers.tenancy import invitations, members


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # shown once, to the operator who hands it over
    accept_url: str


@dataclass(frozen=True)
class Member:
    """A membership and who holds it: the operator sees the person, a tenant's own listing
    (the spec's shape) only the user id."""

    membership: Membership
    email: str
    email_verified: bool


async def list_tenant_members(ctx: RequestContext, operator: OperatorAccess, reference: object) -> list[Member]:
    """Every membership of the tenant with its user's email, oldest first. Errors: not_found."""
    async with ctx.db.read() as session:
        tenant = await load_tenant(session, reference)
        rows = await session.exec(
            select(Membership, User)
            .join(User, col(User.id) == col(Membership.user_id))
            .where(Membership.tenant_id == tenant.id)
            .order_by(col(Membership.inserted_at), col(Membership.id))
        )
        return [Member(membership, user.email, user.email_verified_at is not None) for membership, user in rows.all()]


async def list_tenant_invitations(ctx: RequestContext, operator: OperatorAccess, reference: object) -> list[Invitation]:
    """Every invitation of the tenant (pending, accepted, revoked), oldest first. Errors: not_found."""
    async with ctx.db.read() as session:
        tenant = await load_tenant(session, reference)
    return await invitations.list_invitations(ctx, operator.on(tenant))


async def invite_member(
    ctx: RequestContext, operator: OperatorAccess, reference: object, email: object, role: object
) -> IssuedInvitation:
    """Invite `email` to the tenant as `role` (owner included: how a tenant gets its first
    owner). The invitation is mailed and its token returned this once; the audit entry
    (`invitation.create`) holds it only as redacted.

    Errors: not_found; unprocessable_entity (email, role).
    """
    address = invitations.normalized_email(email)
    if role not in members.ROLES:
        raise validation_error({"role": [f"must be one of {', '.join(members.ROLES)}"]})
    token = random_token(32)
    async with ctx.db.transaction() as session:
        tenant = await load_tenant(session, reference)
        invitation = invitations.stage_invitation(
            session, ctx, tenant, address, str(role), invited_by=None, token=token
        )
        await record(
            session,
            ctx,
            operator,
            "invitation.create",
            ("invitation", invitation.id),
            tenant_id=tenant.id,
            changes=diff(None, {"email": address, "role": role, "token": REDACTED}),
        )
    return IssuedInvitation(invitation, token, invitations.accept_url(ctx, token))


async def revoke_tenant_invitation(
    ctx: RequestContext, operator: OperatorAccess, reference: object, invitation_id: str
) -> None:
    """Revoke a pending invitation of the tenant (`invitation.revoke`).

    Errors: not_found (no such tenant, or no pending invitation of it with that id).
    """
    async with ctx.db.transaction() as session:
        tenant = await load_tenant(session, reference)
        if not await invitations.withdraw_invitation(session, ctx, tenant.id, invitation_id):
            raise RegistrarError(CommonError.NOT_FOUND)
        await record(
            session,
            ctx,
            operator,
            "invitation.revoke",
            ("invitation", invitation_id),
            tenant_id=tenant.id,
            changes=diff({"state": "pending"}, {"state": "revoked"}),
        )
