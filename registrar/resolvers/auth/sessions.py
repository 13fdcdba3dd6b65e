"""A user's signed-in sessions in a tenant (refresh-token families): list and revoke."""

from __future__ import annotations

from sqlmodel import select

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import UserSession
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.auth.tokens import revoke_family


def _own_user(access: TenantAccess) -> str:
    if access.principal.user_id is None:
        raise RegistrarError(CommonError.FORBIDDEN, detail={"reason": "token has no user"})
    return access.principal.user_id


async def list_sessions(ctx: RequestContext, access: TenantAccess) -> list[UserSession]:
    """The caller's active sessions in this tenant, newest first."""
    access.require_scope("read")
    user_id = _own_user(access)
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(UserSession)
            .where(
                UserSession.user_id == user_id,
                UserSession.tenant_id == access.tenant_id,
                UserSession.revoked_at.is_(None),
                UserSession.expires_at > ctx.clock.now(),
            )
            .order_by(UserSession.inserted_at.desc(), UserSession.id)
        )
        return list(rows.all())


async def revoke_session(ctx: RequestContext, access: TenantAccess, session_id: str) -> None:
    """Revoke one of the caller's sessions and every token in it.

    Errors: insufficient_scope, forbidden (client token), not_found (not the caller's).
    """
    access.require_scope("write")
    user_id = _own_user(access)
    async with ctx.db.transaction() as session:
        target = await session.get(UserSession, session_id)
        if target is None or target.user_id != user_id or target.tenant_id != access.tenant_id:
            raise RegistrarError(CommonError.NOT_FOUND)
        await revoke_family(session, ctx, target.id)
