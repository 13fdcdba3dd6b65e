"""Rotation of a domain's transfer authorization code (EPP authInfo)."""

from __future__ import annotations

import secrets

from registrar.context import RequestContext
from registrar.crypto import sha256_hex
from registrar.epp.objects import DomainUpdateRequest
from registrar.errors import RegistrarError, UpstreamError
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    domain_registry,
    locked_domain,
    verify_state,
)

AUTH_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I: read aloud safely
AUTH_CODE_LENGTH = 16


async def rotate_auth_code(ctx: RequestContext, access: TenantAccess, name: str) -> str:
    """A fresh CSPRNG authInfo, set at the registry, kept only as its SHA-256, returned once.

    Errors: insufficient_scope, not_found, wrong_state, registry_error.
    """
    access.require_scope("write")
    code = "".join(secrets.choice(AUTH_CODE_ALPHABET) for _ in range(AUTH_CODE_LENGTH))
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, ("registered",))
        registry = await domain_registry(ctx, domain)
        try:
            await registry.update_domain(DomainUpdateRequest(name=domain.name, auth_info=code))
        except RegistrarError as exc:
            if exc.status >= 500:
                raise
            raise RegistrarError(UpstreamError.REGISTRY_ERROR, detail=exc.detail) from exc
        domain.auth_code_hash = sha256_hex(code)
        domain.updated_at = ctx.clock.now()
        session.add(domain)
        record_event(session, ctx, access, domain, DomainEventType.AUTH_CODE_ROTATED, {})
    return code
