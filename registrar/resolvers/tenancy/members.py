"""Memberships of a tenant: list, read, remove, change role, activate, deactivate.

Owners and admins manage members; only an owner may touch an owner or make one; a tenant
always keeps at least one active owner (`last_owner`). The last-owner check counts owners
inside the writing transaction after locking the tenant's owner rows, so two concurrent
demotions cannot both pass.

Removing or deactivating a member revokes, in the same transaction, every credential they hold
in the tenant — access tokens, sessions (refresh families), unused codes and API keys — so
nothing comes back when they are let in again.
"""

from __future__ import annotations

from sqlmodel import select

from registrar.context import RequestContext
from registrar.errors import validation_error
from registrar.models import Membership
from registrar.resolvers.auth.guard import ROLE_RANK, TenantAccess
from registrar.resolvers.auth.tokens import revoke_credentials
from registrar.resolvers.tenancy.guard import (
    load_membership,
    verify_manager,
    verify_may_manage,
    verify_other_owner_remains,
)

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
        return await load_membership(session, access, user_id)


async def remove_member(ctx: RequestContext, access: TenantAccess, user_id: str) -> None:
    """Remove the membership and revoke the member's credentials in the tenant.

    Errors: insufficient_scope, forbidden, not_found, last_owner.
    """
    verify_manager(access)
    async with ctx.db.transaction() as session:
        target = await load_membership(session, access, user_id)
        verify_may_manage(access, target)
        await verify_other_owner_remains(session, target)
        await session.delete(target)
        await revoke_credentials(session, ctx, user_id=target.user_id, tenant_id=target.tenant_id)


async def change_role(ctx: RequestContext, access: TenantAccess, user_id: str, role: object) -> Membership:
    """Errors: insufficient_scope, forbidden, not_found, unprocessable_entity, last_owner."""
    verify_manager(access)
    if role not in ROLES:
        raise validation_error({"role": [f"must be one of {', '.join(ROLES)}"]})
    async with ctx.db.transaction() as session:
        target = await load_membership(session, access, user_id)
        verify_may_manage(access, target, new_role=str(role))
        if target.role == role:
            return target
        if role != "owner":
            await verify_other_owner_remains(session, target)
        target.role = str(role)
        target.updated_at = ctx.clock.now()
        session.add(target)
    return target


async def set_member_state(ctx: RequestContext, access: TenantAccess, user_id: str, state: str) -> Membership:
    """Activate or deactivate (idempotent); deactivating revokes the member's credentials in
    the tenant. Errors: insufficient_scope, forbidden, not_found, last_owner."""
    verify_manager(access)
    async with ctx.db.transaction() as session:
        target = await load_membership(session, access, user_id)
        verify_may_manage(access, target)
        if target.state == state:
            return target
        if state == "deactivated":
            await verify_other_owner_remains(session, target)
            await revoke_credentials(session, ctx, user_id=target.user_id, tenant_id=target.tenant_id)
        target.state = state
        target.updated_at = ctx.clock.now()
        session.add(target)
    return target
