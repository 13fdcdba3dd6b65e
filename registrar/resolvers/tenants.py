"""Tenants as seen by their members."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.models import Membership, Tenant
from registrar.resolvers.access import require_principal, verify_scope


@dataclass(frozen=True)
class TenantMembership:
    tenant: Tenant
    membership: Membership


async def list_my_tenants(ctx: RequestContext) -> list[TenantMembership]:
    """Every active tenant where the calling user holds an active membership.

    Needs the `read` scope and a user token (a client token has no user: `forbidden`).
    """
    principal = require_principal(ctx)
    verify_scope(principal, "read")
    if principal.user_id is None:
        raise RegistrarError("forbidden", detail={"reason": "token has no user"})
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(Tenant, Membership)
            .join(Membership, Membership.tenant_id == Tenant.id)
            .where(
                Membership.user_id == principal.user_id,
                Membership.state == "active",
                Tenant.status == "active",
            )
            .order_by(Tenant.name, Tenant.id)
        )
        return [TenantMembership(tenant, membership) for tenant, membership in rows.all()]
