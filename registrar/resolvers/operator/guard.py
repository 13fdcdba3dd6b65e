"""Who may act as the operator, and the operator acting on one tenant.

Operator rights come from two places only: a token issued by the client_credentials grant to
an operator client (`tenant_id` null, `operator` scope), or the `registrar operator` CLI, which
runs on the operator's machine with direct database access. No tenant credential can hold the
`operator` scope: tenants' clients, API keys and codes are limited to tenant scopes.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import Principal, RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import Tenant
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.guard import OPERATOR_SCOPE, TenantAccess, require_principal, verify_scope


@dataclass(frozen=True)
class OperatorAccess:
    """Proof that the caller is the operator; `actor_*` is what the audit log records."""

    principal: Principal
    actor_type: str  # operator_client | cli
    actor_id: str

    def on(self, tenant: Tenant) -> TenantAccess:
        """The operator acting inside `tenant`, through the tenant's own actions: every scope
        and role check of the tenant passes, and events name the operator's client."""
        principal = Principal(
            jti=self.principal.jti,
            user_id=None,
            tenant_id=tenant.id,
            scopes=frozenset({"read", "write", OPERATOR_SCOPE}),
            client_id=self.actor_id,
        )
        return TenantAccess(principal=principal, tenant=tenant, membership=None)


def authorize_operator(ctx: RequestContext) -> OperatorAccess:
    """The authenticated caller as the operator.

    Errors: unauthorized (no credential); insufficient_scope (403) for every credential that is
    not an operator client's token: tenants' tokens and API keys included.
    """
    principal = require_principal(ctx)
    verify_scope(principal, OPERATOR_SCOPE)
    if principal.tenant_id is not None or principal.user_id is not None or principal.client_id is None:
        raise RegistrarError(AuthError.INSUFFICIENT_SCOPE, detail={"required_scope": OPERATOR_SCOPE})
    return OperatorAccess(principal=principal, actor_type="operator_client", actor_id=principal.client_id)


def cli_operator() -> OperatorAccess:
    """The operator at the command line, named by the OS user running it."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's arbitrary uid)
        user = "unknown"
    principal = Principal(
        jti="operator-cli",
        user_id=None,
        tenant_id=None,
        scopes=frozenset({"read", "write", OPERATOR_SCOPE}),
        client_id=f"cli:{user}",
    )
    return OperatorAccess(principal=principal, actor_type="cli", actor_id=user)


async def load_tenant(session: AsyncSession, reference: object, *, lock: bool = False) -> Tenant:
    """A tenant by id or slug. Errors: not_found."""
    if not isinstance(reference, str) or not reference:
        raise RegistrarError(CommonError.NOT_FOUND)
    statement = select(Tenant).where(or_(Tenant.id == reference, Tenant.slug == reference))
    if lock:
        statement = statement.with_for_update()
    tenant = (await session.exec(statement)).first()
    if tenant is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return tenant
