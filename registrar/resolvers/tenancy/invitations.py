"""Invitations: an owner or admin invites an email address with a role; the token goes out
by email (through the outbox) and is stored only as its SHA-256."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.crypto import hash_password, random_token, sha256_hex
from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import Invitation, Membership, Tenant, User
from registrar.resolvers._shared.outbox import NotificationKind, enqueue
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.auth.passwords import password_problems
from registrar.resolvers.tenancy.members import ROLES

INVITATION_TTL = timedelta(days=7)


@dataclass(frozen=True)
class Accepted:
    user_id: str


def normalized_email(raw: object, field: str = "email") -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise validation_error({field: ["can't be blank"]})
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise validation_error({field: ["has invalid format"]}) from exc


async def create_invitation(
    ctx: RequestContext,
    access: TenantAccess,
    email: object,
    role: object,
    *,
    token: str | None = None,
) -> Invitation:
    """Invite `email` as `role`; the token is mailed, never returned.

    Errors: insufficient_scope, forbidden (not owner/admin, or an admin inviting an owner),
    unprocessable_entity.
    """
    access.require_scope("write")
    access.require_role("admin")
    address = normalized_email(email)
    if role not in ROLES:
        raise validation_error({"role": [f"must be one of {', '.join(ROLES)}"]})
    if role == "owner" and access.membership is not None and access.membership.role != "owner":
        raise RegistrarError(CommonError.FORBIDDEN, detail={"reason": "only an owner may invite an owner"})
    return await _invite(ctx, access.tenant, address, str(role), access.principal.user_id, token)


async def _invite(
    ctx: RequestContext,
    tenant: Tenant,
    email: str,
    role: str,
    invited_by: str | None,
    token: str | None,
) -> Invitation:
    async with ctx.db.transaction() as session:
        return stage_invitation(session, ctx, tenant, email, role, invited_by=invited_by, token=token)


def stage_invitation(
    session: AsyncSession,
    ctx: RequestContext,
    tenant: Tenant,
    email: str,
    role: str,
    *,
    invited_by: str | None,
    token: str | None,
) -> Invitation:
    """Add an invitation of a normalised `email` as `role` and queue its mail, in the caller's
    transaction (an owner's `create_invitation`, or the operator's action that also audits it)."""
    token = token or random_token(32)
    now = ctx.clock.now()
    invitation = Invitation(
        tenant_id=tenant.id,
        email=email,
        role=role,
        token_hash=sha256_hex(token),
        invited_by_user_id=invited_by,
        expires_at=now + INVITATION_TTL,
        inserted_at=now,
        updated_at=now,
    )
    session.add(invitation)
    enqueue(
        session,
        ctx,
        kind=NotificationKind.INVITATION,
        recipient=email,
        tenant_id=tenant.id,
        subject=f"You are invited to {tenant.name}",
        body=(
            f"You have been invited to join {tenant.name} as {role}.\n\n"
            f"Accept with: POST {accept_url(ctx, token)}\n"
            f"The invitation expires at {invitation.expires_at.isoformat()}.\n"
        ),
    )
    return invitation


def accept_url(ctx: RequestContext, token: str) -> str:
    """Where an invitee accepts: the server's public URL, as the settings name it."""
    return f"{ctx.services.settings.public_url}/api/v1/invitations/{token}/accept"


async def list_invitations(ctx: RequestContext, access: TenantAccess) -> list[Invitation]:
    access.require_scope("read")
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(Invitation)
            .where(Invitation.tenant_id == access.tenant_id)
            .order_by(Invitation.inserted_at, Invitation.id)
        )
        return list(rows.all())


async def revoke_invitation(ctx: RequestContext, access: TenantAccess, invitation_id: str) -> None:
    """Errors: insufficient_scope, forbidden, not_found (unknown or no longer pending)."""
    access.require_scope("write")
    access.require_role("admin")
    async with ctx.db.transaction() as session:
        if not await withdraw_invitation(session, ctx, access.tenant_id, invitation_id):
            raise RegistrarError(CommonError.NOT_FOUND)


async def withdraw_invitation(session: AsyncSession, ctx: RequestContext, tenant_id: str, invitation_id: str) -> bool:
    """Mark the tenant's invitation revoked if it is still pending (one conditional update, so
    it cannot race an acceptance); whether it was."""
    result = await session.exec(
        update(Invitation)
        .where(
            Invitation.id == invitation_id,
            Invitation.tenant_id == tenant_id,
            Invitation.state == "pending",
        )
        .values(state="revoked", updated_at=ctx.clock.now())
    )
    return result.rowcount == 1


async def accept_invitation(ctx: RequestContext, token: str, password: object = None) -> Accepted:
    """Accept with the mailed token (no bearer token needed). Creates the user when the
    address is new (with `password` if given, which must meet the policy) and an active
    membership; the address counts as verified since the token reached it.

    Errors: not_found (unknown, used, revoked or expired token), wrong_state_conflict
    (already a member), unprocessable_entity (password).
    """
    if password is not None:
        problems = password_problems(password)
        if problems:
            raise validation_error({"password": problems})
    now = ctx.clock.now()
    try:
        return await _accept(ctx, token, password, now)
    except IntegrityError as exc:  # the same new address accepted twice at once
        raise RegistrarError(CommonError.CONFLICT, detail={"reason": "retry the request"}) from exc


async def _accept(ctx: RequestContext, token: str, password: object, now) -> Accepted:
    async with ctx.db.transaction() as session:
        invitation = (await session.exec(select(Invitation).where(Invitation.token_hash == sha256_hex(token)))).first()
        if invitation is None or invitation.state != "pending" or invitation.expires_at <= now:
            raise RegistrarError(CommonError.NOT_FOUND)
        claimed = await session.exec(
            update(Invitation)
            .where(Invitation.id == invitation.id, Invitation.state == "pending")
            .values(state="accepted", accepted_at=now, updated_at=now)
        )
        if claimed.rowcount != 1:
            raise RegistrarError(CommonError.NOT_FOUND)
        user = (await session.exec(select(User).where(User.email == invitation.email))).first()
        if user is None:
            user = User(email=invitation.email, inserted_at=now, updated_at=now)
        if user.email_verified_at is None:
            user.email_verified_at = now
        if password is not None and user.password_hash is None:
            user.password_hash = hash_password(str(password))
        user.updated_at = now
        session.add(user)
        await session.flush()
        existing = (
            await session.exec(
                select(Membership).where(Membership.tenant_id == invitation.tenant_id, Membership.user_id == user.id)
            )
        ).first()
        if existing is not None:
            raise RegistrarError(CommonError.WRONG_STATE_CONFLICT, detail={"reason": "already a member"})
        session.add(
            Membership(
                tenant_id=invitation.tenant_id,
                user_id=user.id,
                role=invitation.role,
                inserted_at=now,
                updated_at=now,
            )
        )
    return Accepted(user_id=user.id)
