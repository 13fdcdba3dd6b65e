"""OAuth clients of a tenant: registration, secret rotation, revocation.

Client secrets are shown once and kept as Argon2 hashes; rotating one invalidates the old
secret at once; revoking a client revokes every token it was issued. No one registers a client
with, or takes the secret of a client holding, a scope their own credential lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlmodel import select

from registrar.context import Principal, RequestContext
from registrar.crypto import hash_password, random_hex, random_token
from registrar.errors import CommonError, FieldErrors, RegistrarError
from registrar.models import OAuthClient
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.guard import TenantAccess, scopes_not_held, verify_holds_scopes
from registrar.resolvers.auth.tokens import revoke_credentials

FLOWS = ("authorization_code", "client_credentials")
TENANT_SCOPES = ("read", "write", "directory:read")
# Clients of no tenant, created by the operator: each kind holds exactly its scope, through
# the client_credentials grant only.
PLATFORM_CLIENT_SCOPES = {"operator": ("operator",), "directory": ("directory:read",)}
MIN_TTL, MAX_ACCESS_TTL, MAX_REFRESH_TTL = 60, 86_400, 90 * 86_400


def is_platform_client(client: OAuthClient) -> bool:
    return client.tenant_id is None and tuple(client.allowed_scopes) in PLATFORM_CLIENT_SCOPES.values()


def build_platform_client(ctx: RequestContext, kind: str, name: object) -> ClientWithSecret:
    """A new (unsaved) confidential client_credentials client of no tenant holding only
    `kind`'s scope, with its secret (shown once). The operator's action saves and audits it.

    Errors: unprocessable_entity (name).
    """
    errors = FieldErrors()
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        errors.add("name", "can't be blank (at most 200 characters)")
    errors.raise_if_any()
    secret = random_token(32)
    now = ctx.clock.now()
    client = OAuthClient(
        tenant_id=None,
        client_id=random_hex(32),
        name=str(name).strip(),
        client_type="confidential",
        secret_hash=hash_password(secret),
        allowed_flows=["client_credentials"],
        allowed_scopes=list(PLATFORM_CLIENT_SCOPES[kind]),
        inserted_at=now,
        updated_at=now,
    )
    return ClientWithSecret(client, secret)


@dataclass
class OAuthClientInput:
    name: object = None
    client_type: object = None
    allowed_flows: object = None
    allowed_scopes: object = None
    redirect_uris: object = None
    access_token_ttl_seconds: object = None
    refresh_token_ttl_seconds: object = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ClientWithSecret:
    client: OAuthClient
    client_secret: str | None


def valid_redirect_uri(uri: object) -> bool:
    """Absolute https URIs, or http on loopback (RFC 8252 native apps); no fragments."""
    if not isinstance(uri, str) or len(uri) > 2000:
        return False
    parts = urlsplit(uri)
    if parts.fragment or not parts.netloc:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost", "::1"}


def _string_list(errors: FieldErrors, name: str, value: object, allowed: tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.add(name, "must be a list of strings")
        return []
    if allowed is not None and any(item not in allowed for item in value):
        errors.add(name, f"must be a subset of {', '.join(allowed)}")
    return list(dict.fromkeys(value))


def _ttl(errors: FieldErrors, name: str, value: object, maximum: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_TTL <= value <= maximum:
        errors.add(name, f"must be an integer from {MIN_TTL} to {maximum}")
        return None
    return value


def _validate(data: OAuthClientInput, principal: Principal) -> dict[str, object]:
    errors = FieldErrors()
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    if not isinstance(data.name, str) or not data.name.strip() or len(data.name) > 200:
        errors.add("name", "can't be blank (at most 200 characters)")
    if data.client_type not in ("confidential", "public"):
        errors.add("client_type", "must be confidential or public")
    flows = _string_list(errors, "allowed_flows", data.allowed_flows, FLOWS)
    if data.allowed_flows is None or (isinstance(data.allowed_flows, list) and not data.allowed_flows):
        errors.add("allowed_flows", "can't be blank")
    if data.client_type == "public" and "client_credentials" in flows:
        errors.add("allowed_flows", "a public client cannot use client_credentials")
    scopes = _string_list(errors, "allowed_scopes", data.allowed_scopes, TENANT_SCOPES)
    if not scopes:
        errors.add("allowed_scopes", "can't be blank")
    elif scopes_not_held(principal, scopes):
        errors.add("allowed_scopes", "cannot exceed the scopes of the caller's own token")
    redirect_uris = _string_list(errors, "redirect_uris", data.redirect_uris, None)
    if "authorization_code" in flows and not redirect_uris:
        errors.add("redirect_uris", "is required with authorization_code")
    if any(not valid_redirect_uri(uri) for uri in redirect_uris):
        errors.add("redirect_uris", "must be absolute https URIs (http only on loopback)")
    access_ttl = _ttl(errors, "access_token_ttl_seconds", data.access_token_ttl_seconds, MAX_ACCESS_TTL)
    refresh_ttl = _ttl(errors, "refresh_token_ttl_seconds", data.refresh_token_ttl_seconds, MAX_REFRESH_TTL)
    errors.raise_if_any()
    return {
        "name": str(data.name).strip(),
        "client_type": data.client_type,
        "allowed_flows": flows,
        "allowed_scopes": scopes,
        "redirect_uris": redirect_uris,
        "access_token_ttl_seconds": access_ttl or 3600,
        "refresh_token_ttl_seconds": refresh_ttl,
    }


async def create_oauth_client(ctx: RequestContext, access: TenantAccess, data: OAuthClientInput) -> ClientWithSecret:
    """Register a client in the tenant (owner/admin). The secret is returned once. The
    client's allowed scopes stay within the caller's own.

    Errors: insufficient_scope, forbidden, unprocessable_entity.
    """
    created = build_oauth_client(ctx, access, data)
    async with ctx.db.transaction() as session:
        session.add(created.client)
    return created


def build_oauth_client(ctx: RequestContext, access: TenantAccess, data: OAuthClientInput) -> ClientWithSecret:
    """`create_oauth_client`'s checks and the new (unsaved) client with its secret; the caller
    saves it (the operator's action audits it in the same transaction).

    Errors: insufficient_scope, forbidden, unprocessable_entity.
    """
    access.require_scope("write")
    access.require_role("admin")
    values = _validate(data, access.principal)
    secret = random_token(32) if values["client_type"] == "confidential" else None
    now = ctx.clock.now()
    client = OAuthClient(
        tenant_id=access.tenant_id,
        client_id=random_hex(32),
        secret_hash=hash_password(secret) if secret else None,
        inserted_at=now,
        updated_at=now,
        **values,
    )
    return ClientWithSecret(client, secret)


async def list_oauth_clients(ctx: RequestContext, access: TenantAccess) -> list[OAuthClient]:
    access.require_scope("read")
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(OAuthClient)
            .where(OAuthClient.tenant_id == access.tenant_id, OAuthClient.revoked_at.is_(None))
            .order_by(OAuthClient.inserted_at, OAuthClient.id)
        )
        return list(rows.all())


async def get_oauth_client(ctx: RequestContext, access: TenantAccess, client_uuid: str) -> OAuthClient:
    """Errors: insufficient_scope; not_found (also for other tenants' and revoked clients)."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        client = await session.get(OAuthClient, client_uuid)
    if client is None or client.tenant_id != access.tenant_id or client.revoked_at is not None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return client


async def revoke_oauth_client(ctx: RequestContext, access: TenantAccess, client_uuid: str) -> None:
    """Revoke the client and every token it was issued (owner/admin)."""
    access.require_scope("write")
    access.require_role("admin")
    client = await get_oauth_client(ctx, access, client_uuid)
    async with ctx.db.transaction() as session:
        row = await session.get(OAuthClient, client.id)
        row.revoked_at = row.updated_at = ctx.clock.now()
        session.add(row)
        await revoke_credentials(session, ctx, client_id=client.id)


async def rotate_client_secret(ctx: RequestContext, access: TenantAccess, client_uuid: str) -> ClientWithSecret:
    """A new secret for a confidential client; the old one stops working at once. Whoever
    gets the secret can act with every scope the client is allowed, so the caller must hold
    them all.

    Errors: insufficient_scope (also a client scope the caller lacks), forbidden, not_found,
    public_client (422).
    """
    access.require_scope("write")
    access.require_role("admin")
    client = await get_oauth_client(ctx, access, client_uuid)
    verify_holds_scopes(access.principal, client.allowed_scopes)
    if client.client_type != "confidential":
        raise RegistrarError(AuthError.PUBLIC_CLIENT, detail={"reason": "a public client has no secret"})
    secret = random_token(32)
    async with ctx.db.transaction() as session:
        row = await session.get(OAuthClient, client.id)
        row.secret_hash = hash_password(secret)
        row.updated_at = ctx.clock.now()
        session.add(row)
    return ClientWithSecret(row, secret)
