"""API keys (personal access tokens): per tenant, created and revoked by owners and admins,
shown once, stored as SHA-256, presented as `Authorization: Bearer rk_…` with their scopes.

A key acts as the member who created it and never holds more scopes than the credential that
created it. Removing or deactivating that member, suspending the tenant, or a password reset of
the member revokes the key (`tokens.revoke_credentials`); a key cannot authorize an OAuth client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select

from registrar.context import Principal, RequestContext
from registrar.crypto import random_hex, random_token, sha256_hex
from registrar.errors import CommonError, FieldErrors, RegistrarError
from registrar.models import ApiKey
from registrar.resolvers.auth.guard import API_KEY_JTI_PREFIX, API_KEY_PREFIX, TenantAccess, scopes_not_held

KEY_SCOPES = ("read", "write")
MAX_DAYS = 365


@dataclass(frozen=True)
class KeyWithSecret:
    key: ApiKey
    secret: str


async def create_api_key(
    ctx: RequestContext,
    access: TenantAccess,
    name: object,
    scopes: object,
    expires_in_days: object = None,
) -> KeyWithSecret:
    """Errors: insufficient_scope, forbidden, unprocessable_entity."""
    access.require_scope("write")
    access.require_role("admin")
    errors = FieldErrors()
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        errors.add("name", "can't be blank (at most 200 characters)")
    if (
        not isinstance(scopes, list)
        or not scopes
        or any(not isinstance(scope, str) or scope not in KEY_SCOPES for scope in scopes)
    ):
        errors.add("scopes", f"must be a non-empty subset of {', '.join(KEY_SCOPES)}")
    elif scopes_not_held(access.principal, scopes):
        errors.add("scopes", "cannot exceed the scopes of the caller's own token")
    if expires_in_days is not None and (
        isinstance(expires_in_days, bool)
        or not isinstance(expires_in_days, int)
        or not 1 <= expires_in_days <= MAX_DAYS
    ):
        errors.add("expires_in_days", f"must be an integer from 1 to {MAX_DAYS}")
    errors.raise_if_any()
    prefix = random_hex(8)
    secret = f"{API_KEY_PREFIX}{prefix}_{random_token(32)}"
    now = ctx.clock.now()
    key = ApiKey(
        tenant_id=access.tenant_id,
        user_id=access.principal.user_id,
        name=str(name).strip(),
        prefix=prefix,
        key_hash=sha256_hex(secret),
        scopes=list(dict.fromkeys(scopes)),  # type: ignore[arg-type]
        expires_at=now + timedelta(days=expires_in_days) if isinstance(expires_in_days, int) else None,
        inserted_at=now,
    )
    async with ctx.db.transaction() as session:
        session.add(key)
    return KeyWithSecret(key, secret)


async def list_api_keys(ctx: RequestContext, access: TenantAccess) -> list[ApiKey]:
    access.require_scope("read")
    access.require_role("admin")
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(ApiKey)
            .where(ApiKey.tenant_id == access.tenant_id, ApiKey.revoked_at.is_(None))
            .order_by(ApiKey.inserted_at, ApiKey.id)
        )
        return list(rows.all())


async def revoke_api_key(ctx: RequestContext, access: TenantAccess, key_id: str) -> None:
    """Errors: insufficient_scope, forbidden, not_found."""
    access.require_scope("write")
    access.require_role("admin")
    async with ctx.db.transaction() as session:
        result = await session.exec(
            update(ApiKey)
            .where(
                ApiKey.id == key_id,
                ApiKey.tenant_id == access.tenant_id,
                ApiKey.revoked_at.is_(None),
            )
            .values(revoked_at=ctx.clock.now())
        )
    if result.rowcount != 1:
        raise RegistrarError(CommonError.NOT_FOUND)


async def principal_for_api_key(ctx: RequestContext, secret: str) -> Principal:
    """The principal an API key stands for. Errors: unauthorized."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        key = (await session.exec(select(ApiKey).where(ApiKey.key_hash == sha256_hex(secret)))).first()
    if key is None or key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        raise RegistrarError(CommonError.UNAUTHORIZED)
    return Principal(
        jti=f"{API_KEY_JTI_PREFIX}{key.id}",
        user_id=key.user_id,
        tenant_id=key.tenant_id,
        scopes=frozenset(key.scopes),
        client_id=None,
    )
