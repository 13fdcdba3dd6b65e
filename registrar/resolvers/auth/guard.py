"""Authentication of bearer tokens and tenant isolation, checked once per operation.

A `TenantAccess` can only be obtained from `authorize_tenant`, and every tenant-scoped
resolver takes one, so no transport can reach tenant data without passing these checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from registrar.auth_tokens import InvalidAccessToken, decode_access_token
from registrar.context import Principal, RequestContext
from registrar.errors import RegistrarError
from registrar.models import Membership, OAuthToken, Tenant

ROLE_RANK = {"member": 0, "admin": 1, "owner": 2}
API_KEY_PREFIX = "rk_"
OPERATOR_SCOPE = "operator"
OPERATOR_PRINCIPAL = Principal(
    jti="operator-cli",
    user_id=None,
    tenant_id=None,
    scopes=frozenset({"read", "write", OPERATOR_SCOPE}),
    client_id=None,
)


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
            raise RegistrarError("forbidden")


def verify_scope(principal: Principal, scope: str) -> None:
    if scope not in principal.scopes:
        raise RegistrarError("insufficient_scope", detail={"required_scope": scope})


async def authenticate_bearer(ctx: RequestContext, authorization: str | None) -> Principal:
    """Verify `Authorization: Bearer <jwt>` (signature, HS256, expiry, revocation) or an
    API key (`rk_…`).

    Raises `unauthorized` (401) for a missing, malformed, expired or revoked credential.
    """
    if not authorization:
        raise RegistrarError("unauthorized")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise RegistrarError("unauthorized")
    if token.startswith(API_KEY_PREFIX):
        from registrar.resolvers.auth.api_keys import principal_for_api_key

        ctx.principal = await principal_for_api_key(ctx, token)
        return ctx.principal
    now = ctx.clock.now()
    try:
        claims = decode_access_token(ctx.services.settings.secret_key, token, now=now)
    except InvalidAccessToken as exc:
        raise RegistrarError("unauthorized") from exc
    async with ctx.db.read() as session:
        row = (await session.exec(select(OAuthToken).where(OAuthToken.jti == str(claims["jti"])))).first()
    if row is None or row.token_type != "access" or row.revoked_at is not None or row.expires_at <= now:
        raise RegistrarError("unauthorized")
    principal = Principal(
        jti=row.jti,
        user_id=row.user_id,
        tenant_id=row.tenant_id,
        scopes=frozenset(row.scope.split()),
        client_id=claims.get("client_id"),
    )
    ctx.principal = principal
    return principal


def require_principal(ctx: RequestContext) -> Principal:
    if ctx.principal is None:
        raise RegistrarError("unauthorized")
    return ctx.principal


async def authorize_tenant(ctx: RequestContext, tenant_id: str) -> TenantAccess:
    """The spec's isolation checks, in its order. Each action then asks for its own scope
    (`access.require_scope`) and, where the spec says so, a role.

    Errors: unauthorized (401); tenant_mismatch, tenant_not_found, tenant_inactive,
    not_a_member, membership_deactivated (403).
    """
    principal = require_principal(ctx)
    if principal.tenant_id != tenant_id:
        raise RegistrarError("tenant_mismatch")
    async with ctx.db.read() as session:
        tenant = await session.get(Tenant, tenant_id)
        if tenant is None:
            raise RegistrarError("tenant_not_found")
        if tenant.status != "active":
            raise RegistrarError("tenant_inactive")
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
                raise RegistrarError("not_a_member")
            if membership.state != "active":
                raise RegistrarError("membership_deactivated")
    return TenantAccess(principal=principal, tenant=tenant, membership=membership)


def operator_access(tenant: Tenant) -> TenantAccess:
    """The platform operator acting on a tenant (the CLI runs with operator rights)."""
    return TenantAccess(principal=OPERATOR_PRINCIPAL, tenant=tenant, membership=None)
