"""Rotation of a domain's transfer authorization code (EPP authInfo)."""

from __future__ import annotations

import secrets

from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.crypto import sha256_hex
from registrar.epp.commands.session import RegistrySession
from registrar.epp.objects import DomainUpdateRequest
from registrar.errors import RegistrarError, UpstreamError
from registrar.models import Domain, RegistryOperation
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    domain_registry,
    locked_domain,
    verify_state,
)
from registrar.resolvers.operations.journal import (
    CommandHandler,
    Executed,
    Facts,
    NotExecuted,
    OperationPlan,
    Outcome,
    execute,
    start,
)

AUTH_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I: read aloud safely
AUTH_CODE_LENGTH = 16


async def rotate_auth_code(ctx: RequestContext, access: TenantAccess, name: str) -> str:
    """A fresh CSPRNG authInfo, set at the registry through the operations journal, kept only
    as its SHA-256, returned once (after an unknown outcome the caller rotates again).

    Errors: insufficient_scope, not_found, wrong_state, operation_pending, registry_error.
    """
    access.require_scope("write")
    code = "".join(secrets.choice(AUTH_CODE_ALPHABET) for _ in range(AUTH_CODE_LENGTH))

    locked: list[Domain] = []

    async def reserve(session: AsyncSession) -> OperationPlan:
        domain = await locked_domain(session, access, name)
        verify_state(domain, ("registered",))
        locked.append(domain)
        return OperationPlan(
            command=AUTH_CODE_ROTATION,
            object_type="domain",
            object_name=domain.name,
            object_id=domain.id,
            registry_account_id=domain.registry_account_id,
            request={"auth_code_hash": sha256_hex(code)},
        )

    operation = await start(ctx, access, reserve)
    (domain,) = locked
    registry = await domain_registry(ctx, domain)

    async def send(cltrid: str) -> Facts:
        try:
            await registry.update_domain(DomainUpdateRequest(name=domain.name, auth_info=code), cltrid=cltrid)
        except RegistrarError as exc:
            if exc.status >= 500:
                raise
            raise RegistrarError(UpstreamError.REGISTRY_ERROR, detail=exc.detail) from exc
        return {}

    await execute(ctx, access, operation, AUTH_CODE_ROTATION_HANDLER, send)
    return code


async def _apply_rotation(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, _facts: Facts
) -> None:
    domain = await session.get(Domain, operation.object_id, with_for_update=True)
    domain.auth_code_hash = operation.request["auth_code_hash"]
    domain.updated_at = ctx.clock.now()
    session.add(domain)
    record_event(session, ctx, access, domain, DomainEventType.AUTH_CODE_ROTATED, {})


async def _probe_rotation(_ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation) -> Outcome:
    """Executed when the registry holds the new code (compared by its SHA-256)."""
    info = await registry.domain_info(operation.object_name)
    if info.auth_info is not None and sha256_hex(info.auth_info) == operation.request["auth_code_hash"]:
        return Executed({})
    return NotExecuted("the registry holds another auth code")


AUTH_CODE_ROTATION = "domain_auth_code_rotation"
AUTH_CODE_ROTATION_HANDLER = CommandHandler(probe=_probe_rotation, apply=_apply_rotation)
