"""Membership loads and the role rules of member management (only a manager acts; one owner remains)."""

from __future__ import annotations

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.errors import CommonError, RegistrarError
from registrar.models import Membership, Tenant
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.tenancy.errors import TenancyError


async def load_membership(session: AsyncSession, access: TenantAccess, user_id: str) -> Membership:
    membership = (
        await session.exec(
            select(Membership).where(Membership.tenant_id == access.tenant_id, Membership.user_id == user_id)
        )
    ).first()
    if membership is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return membership


def verify_manager(access: TenantAccess) -> None:
    access.require_scope("write")
    access.require_role("admin")


def verify_may_manage(access: TenantAccess, target: Membership, new_role: str | None = None) -> None:
    touches_owner = target.role == "owner" or new_role == "owner"
    if touches_owner and access.membership is not None and access.membership.role != "owner":
        raise RegistrarError(CommonError.FORBIDDEN, detail={"reason": "only an owner may manage owners"})


async def verify_other_owner_remains(session: AsyncSession, target: Membership) -> None:
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
        raise RegistrarError(TenancyError.LAST_OWNER)
