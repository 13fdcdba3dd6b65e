"""Memberships of a tenant: list, read, remove, change role, activate, deactivate.

Owners and admins manage members; only an owner may touch an owner or make one; a tenant
always keeps at least one active owner (`last_owner`). The last-owner check counts owners
inside the writing transaction after locking the tenant's owner rows, so two concurrent
demotions cannot both pass.
"""

from __future__ import annotations

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import RegistrarError, validation_error
from registrar.models import Membership, Tenant
from registrar.resolvers.auth.guard import ROLE_RANK, TenantAccess

ROLES = tuple(ROLE_RANK)


async def list_members(ctx: RequestContext, access: TenantAccess) -> list[Membership]:
    access.require_scope("read")
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(Membership)
            .where(Membership.tenant_id == access.tenant_id)
            .order_by(Membership.inserted_at, Membership.id)
        )
        return list(rows.all())


async def get_member(ctx: RequestContext, access: TenantAccess, user_id: str) -> Membership:
    """Errors: insufficient_scope; not_found."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        return await _load(session, access, user_id)


async def _load(session: AsyncSession, access: TenantAccess, user_id: str) -> Membership:
    membership = (
        await session.exec(
            select(Membership).where(Membership.tenant_id == access.tenant_id, Membership.user_id == user_id)
        )
    ).first()
    if membership is None:
        raise RegistrarError("not_found")
    return membership


def _verify_manager(access: TenantAccess) -> None:
    access.require_scope("write")
    access.require_role("admin")


def _verify_may_manage(access: TenantAccess, target: Membership, new_role: str | None = None) -> None:
    touches_owner = target.role == "owner" or new_role == "owner"
    if touches_owner and access.membership is not None and access.membership.role != "owner":
        raise RegistrarError("forbidden", detail={"reason": "only an owner may manage owners"})


async def _verify_other_owner_remains(session: AsyncSession, target: Membership) -> None:
    if target.role != "owner" or target.state != "active":
        return
    await session.exec(select(Tenant).where(Tenant.id == target.tenant_id).with_for_update())
    owners = (
        await session.exec(
            select(func.count()).where(
                Membership.tenant_id == target.tenant_id,
                Membership.role == "owner",
                Membership.state == "active",
            )
        )
    ).one()
    if owners <= 1:
        raise RegistrarError("last_owner")


async def remove_member(ctx: RequestContext, access: TenantAccess, user_id: str) -> None:
    """Errors: insufficient_scope, forbidden, not_found, last_owner."""
    _verify_manager(access)
    async with ctx.db.transaction() as session:
        target = await _load(session, access, user_id)
        _verify_may_manage(access, target)
        await _verify_other_owner_remains(session, target)
        await session.delete(target)


async def change_role(ctx: RequestContext, access: TenantAccess, user_id: str, role: object) -> Membership:
    """Errors: insufficient_scope, forbidden, not_found, unprocessable_entity, last_owner."""
    _verify_manager(access)
    if role not in ROLES:
        raise validation_error({"role": [f"must be one of {', '.join(ROLES)}"]})
    async with ctx.db.transaction() as session:
        target = await _load(session, access, user_id)
        _verify_may_manage(access, target, new_role=str(role))
        if target.role == role:
            return target
        if role != "owner":
            await _verify_other_owner_remains(session, target)
        target.role = str(role)
        target.updated_at = ctx.clock.now()
        session.add(target)
    return target


async def set_member_state(ctx: RequestContext, access: TenantAccess, user_id: str, state: str) -> Membership:
    """Activate or deactivate (idempotent). Errors: insufficient_scope, forbidden,
    not_found, last_owner."""
    _verify_manager(access)
    async with ctx.db.transaction() as session:
        target = await _load(session, access, user_id)
        _verify_may_manage(access, target)
        if target.state == state:
            return target
        if state == "deactivated":
            await _verify_other_owner_remains(session, target)
        target.state = state
        target.updated_at = ctx.clock.now()
        session.add(target)
    return target
