"""Tenant isolation and scope checks, run once per operation.

A `TenantAccess` can only be obtained from `authorize_tenant`, and every tenant-scoped
resolver takes one, so no transport can reach tenant data without passing these checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import select

from registrar.context import Principal, RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import Membership, Tenant
from registrar.resolvers.auth.errors import AuthError

ROLE_RANK = {"member": 0, "admin": 1, "owner": 2}
API_KEY_PREFIX = "rk_"
API_KEY_JTI_PREFIX = "api_key:"  # an API key's principal carries `api_key:<id>` as its jti
OPERATOR_SCOPE = "operator"


@dataclass(frozen=True)
class TenantAccess:
    """Proof that the principal may act in `tenant` with `membership`'s role."""

    principal: Principal
    tenant: Tenant
    membership: Membership | None

    @property
    def tenant_id(self) -> str:
        return self.tenant.id

    def require_scope(self, scope: str) -> None:
        verify_scope(self.principal, scope)

    def require_role(self, minimum: str) -> None:
        if OPERATOR_SCOPE in self.principal.scopes:
            return
        if self.membership is None or ROLE_RANK[self.membership.role] < ROLE_RANK[minimum]:
            raise RegistrarError(CommonError.FORBIDDEN)


def verify_scope(principal: Principal, scope: str) -> None:
    if scope not in principal.scopes:
        raise RegistrarError(AuthError.INSUFFICIENT_SCOPE, detail={"required_scope": scope})


def scopes_not_held(principal: Principal, scopes: Iterable[str]) -> list[str]:
    """The scopes of `scopes` the principal does not hold, in order: what it may not hand out
    to a client or a key. The operator holds every scope."""
    if OPERATOR_SCOPE in principal.scopes:
        return []
    return [scope for scope in scopes if scope not in principal.scopes]


def verify_holds_scopes(principal: Principal, scopes: Iterable[str]) -> None:
    """Errors: insufficient_scope (403), naming the first scope the principal lacks."""
    missing = scopes_not_held(principal, scopes)
    if missing:
        raise RegistrarError(AuthError.INSUFFICIENT_SCOPE, detail={"required_scope": missing[0]})


def is_api_key(principal: Principal) -> bool:
    return principal.jti.startswith(API_KEY_JTI_PREFIX)


def require_principal(ctx: RequestContext) -> Principal:
    if ctx.principal is None:
        raise RegistrarError(CommonError.UNAUTHORIZED)
    return ctx.principal


async def authorize_tenant(ctx: RequestContext, tenant_id: str) -> TenantAccess:
    """The spec's isolation checks, in its order. Each action then asks for its own scope
    (`access.require_scope`) and, where the spec says so, a role.

    Errors: unauthorized (401); tenant_mismatch, tenant_not_found, tenant_inactive,
    not_a_member, membership_deactivated (403).
    """
    principal = require_principal(ctx)
    if principal.tenant_id != tenant_id:
        raise RegistrarError(AuthError.TENANT_MISMATCH)
    async with ctx.db.read() as session:
        tenant = await session.get(Tenant, tenant_id)
        if tenant is None:
            raise RegistrarError(AuthError.TENANT_NOT_FOUND)
        if tenant.status != "active":
            raise RegistrarError(AuthError.TENANT_INACTIVE)
        membership = None
        if principal.user_id is not None:
            membership = (
                await session.exec(
                    select(Membership).where(
                        Membership.tenant_id == tenant_id,
                        Membership.user_id == principal.user_id,
                    )
                )
            ).first()
            if membership is None:
                raise RegistrarError(AuthError.NOT_A_MEMBER)
            if membership.state != "active":
                raise RegistrarError(AuthError.MEMBERSHIP_DEACTIVATED)
    return TenantAccess(principal=principal, tenant=tenant, membership=membership)
