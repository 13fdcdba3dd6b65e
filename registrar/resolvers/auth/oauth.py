"""The OAuth 2.0 authorization server: the authorization endpoint (code + PKCE, S256 only),
client authentication, RFC 7009 revocation and RFC 7662 introspection. The token endpoint's
grants are `grants.py`.

A bearer token may authorize a client only for its own user, tenant and scopes; an API key or
a client token may not authorize at all. The code records the token as its parent, and so does
every token later issued for it (`tokens.lineage_is_live`).

Error codes follow RFC 6749 §4.1.2.1 and §5.2 (`invalid_request`, `invalid_client`,
`invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, `invalid_scope`,
`access_denied`), rendered in the product's envelope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.auth_tokens import InvalidAccessToken, decode_access_token
from registrar.context import RequestContext
from registrar.crypto import random_token, sha256_hex, verify_password
from registrar.errors import RegistrarError
from registrar.models import AuthorizationCode, Membership, OAuthClient, OAuthToken, Tenant
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.guard import is_api_key, require_principal
from registrar.resolvers.auth.tokens import lineage_depth, lineage_is_live, revoke_family

CODE_TTL = timedelta(minutes=10)
PKCE_VALUE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


@dataclass(frozen=True)
class AuthorizationRequest:
    """The query of `GET /oauth/authorize`, as sent."""

    response_type: object = None
    client_id: object = None
    redirect_uri: object = None
    code_challenge: object = None
    code_challenge_method: object = None
    scope: object = None
    tenant_id: object = None
    state: object = None


@dataclass(frozen=True)
class ValidAuthorization:
    client: OAuthClient
    redirect_uri: str
    code_challenge: str
    scope: str
    tenant_id: str | None
    state: str | None


@dataclass(frozen=True)
class IssuedCode:
    code: str
    state: str | None
    redirect_uri: str


def requested_scope(raw: object, allowed: list[str]) -> str:
    """The scope asked for, each within `allowed`; all of `allowed` when none is named.

    Errors: invalid_scope (also when nothing is allowed).
    """
    if not allowed:
        raise RegistrarError(AuthError.INVALID_SCOPE, detail={"allowed": []})
    if raw in (None, ""):
        return " ".join(allowed)
    if not isinstance(raw, str):
        raise RegistrarError(AuthError.INVALID_SCOPE)
    wanted = list(dict.fromkeys(raw.split()))
    if not wanted or any(scope not in allowed for scope in wanted):
        raise RegistrarError(AuthError.INVALID_SCOPE, detail={"allowed": allowed})
    return " ".join(wanted)


async def _client_by_public_id(session: AsyncSession, client_id: object) -> OAuthClient | None:
    if not isinstance(client_id, str) or not client_id:
        return None
    client = (await session.exec(select(OAuthClient).where(OAuthClient.client_id == client_id))).first()
    return None if client is None or client.revoked_at is not None else client


async def validate_authorization(
    ctx: RequestContext, request: AuthorizationRequest, *, ceiling: frozenset[str] | None = None
) -> ValidAuthorization:
    """Check an authorization request before anyone is asked to sign in. With a `ceiling`
    (the scopes of the bearer token asking), the scope stays within it as well as within the
    client's: by default the overlap of the two.

    Errors: invalid_request (unknown client, redirect URI not registered exactly, missing or
    non-S256 PKCE), unauthorized_client, unsupported_response_type, invalid_scope.
    """
    async with ctx.db.read() as session:
        client = await _client_by_public_id(session, request.client_id)
    if client is None:
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "unknown client_id"})
    if not isinstance(request.redirect_uri, str) or request.redirect_uri not in client.redirect_uris:
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "redirect_uri is not registered"})
    if request.response_type != "code":
        raise RegistrarError(AuthError.UNSUPPORTED_RESPONSE_TYPE)
    if "authorization_code" not in client.allowed_flows:
        raise RegistrarError(AuthError.UNAUTHORIZED_CLIENT)
    if request.code_challenge_method != "S256":
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "code_challenge_method must be S256"})
    if not isinstance(request.code_challenge, str) or not PKCE_VALUE.match(request.code_challenge):
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "code_challenge is required"})
    tenant_id = client.tenant_id or (request.tenant_id if isinstance(request.tenant_id, str) else None)
    if client.tenant_id and request.tenant_id not in (None, "", client.tenant_id):
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "tenant_id does not match the client"})
    if tenant_id is None:
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "tenant_id is required"})
    state = request.state if isinstance(request.state, str) else None
    allowed = [scope for scope in client.allowed_scopes if ceiling is None or scope in ceiling]
    return ValidAuthorization(
        client=client,
        redirect_uri=request.redirect_uri,
        code_challenge=request.code_challenge,
        scope=requested_scope(request.scope, allowed),
        tenant_id=tenant_id,
        state=state,
    )


async def authorize_for_bearer(ctx: RequestContext, request: AuthorizationRequest) -> IssuedCode:
    """The documented JSON form of the authorization endpoint: the user behind a bearer token
    delegates to a client of the token's tenant what the token holds, and no more. The code,
    and every token issued for it, dies with the token.

    Errors: unauthorized; access_denied (an API key, a client token, a token of another
    tenant, a delegation too deep, or no active membership); invalid_request,
    unauthorized_client, unsupported_response_type; invalid_scope (also a scope beyond the
    token's).
    """
    principal = require_principal(ctx)
    if is_api_key(principal):
        raise RegistrarError(AuthError.ACCESS_DENIED, detail={"reason": "an API key cannot authorize a client"})
    if principal.user_id is None:
        raise RegistrarError(AuthError.ACCESS_DENIED, detail={"reason": "a client token cannot authorize a client"})
    grant = await validate_authorization(ctx, request, ceiling=principal.scopes)
    if grant.tenant_id != principal.tenant_id:
        raise RegistrarError(AuthError.ACCESS_DENIED, detail={"reason": "the token is for another tenant"})
    return await issue_authorization_code(ctx, grant, principal.user_id, parent_jti=principal.jti)


async def issue_authorization_code(
    ctx: RequestContext, grant: ValidAuthorization, user_id: str, *, parent_jti: str | None = None
) -> IssuedCode:
    """A single-use code for a signed-in user who is an active member of the tenant;
    `parent_jti` names the bearer token that authorized it, if one did.

    Errors: access_denied (not an active member of an active tenant; a parent token revoked
    meanwhile or delegated too deep already).
    """
    async with ctx.db.transaction() as session:
        if parent_jti is not None and await lineage_depth(session, parent_jti) is None:
            raise RegistrarError(AuthError.ACCESS_DENIED, detail={"reason": "the token cannot delegate further"})
        membership = (
            await session.exec(
                select(Membership)
                .join(Tenant, Tenant.id == Membership.tenant_id)
                .where(
                    Membership.tenant_id == grant.tenant_id,
                    Membership.user_id == user_id,
                    Membership.state == "active",
                    Tenant.status == "active",
                )
            )
        ).first()
        if membership is None:
            raise RegistrarError(AuthError.ACCESS_DENIED)
        code = random_token(32)
        now = ctx.clock.now()
        session.add(
            AuthorizationCode(
                code_hash=sha256_hex(code),
                oauth_client_id=grant.client.id,
                user_id=user_id,
                tenant_id=grant.tenant_id,
                redirect_uri=grant.redirect_uri,
                code_challenge=grant.code_challenge,
                scope=grant.scope,
                parent_jti=parent_jti,
                expires_at=now + CODE_TTL,
                inserted_at=now,
            )
        )
    return IssuedCode(code=code, state=grant.state, redirect_uri=grant.redirect_uri)


@dataclass(frozen=True)
class ClientCredentials:
    client_id: object = None
    client_secret: object = None


async def authenticate_client(
    session: AsyncSession, credentials: ClientCredentials, *, require_secret: bool
) -> OAuthClient:
    """The client named by the request; confidential clients must prove their secret.

    Errors: invalid_client (401).
    """
    client = await _client_by_public_id(session, credentials.client_id)
    if client is None:
        raise RegistrarError(AuthError.INVALID_CLIENT)
    if client.client_type == "confidential" or require_secret:
        secret = credentials.client_secret
        if not isinstance(secret, str) or not verify_password(client.secret_hash, secret):
            raise RegistrarError(AuthError.INVALID_CLIENT)
    return client


async def revoke_token(ctx: RequestContext, token: object) -> None:
    """RFC 7009: always succeeds. A refresh token takes its whole family with it."""
    if not isinstance(token, str) or not token:
        return
    try:
        claims = decode_access_token(ctx.services.settings.secret_key, token, now=ctx.clock.now(), verify_expiry=False)
    except InvalidAccessToken:
        return
    async with ctx.db.transaction() as session:
        row = (await session.exec(select(OAuthToken).where(OAuthToken.jti == str(claims["jti"])))).first()
        if row is None:
            return
        if row.token_type == "refresh" and row.family_id:
            await revoke_family(session, ctx, row.family_id)
        elif row.revoked_at is None:
            row.revoked_at = ctx.clock.now()
            session.add(row)


async def introspect_token(ctx: RequestContext, token: object, credentials: ClientCredentials) -> dict[str, Any]:
    """RFC 7662, for an authenticated confidential client (§2.1): the claims of an active
    token of the client's own tenant, else `{"active": false}` — a token of another tenant
    looks inactive (§4, no token scanning across tenants).

    Errors: invalid_client (401: no, unknown or wrong client credentials, or a public client).
    """
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        client = await authenticate_client(session, credentials, require_secret=True)
    inactive = {"active": False}
    if not isinstance(token, str) or not token:
        return inactive
    try:
        claims = decode_access_token(ctx.services.settings.secret_key, token, now=now)
    except InvalidAccessToken:
        return inactive
    async with ctx.db.read() as session:
        row = (await session.exec(select(OAuthToken).where(OAuthToken.jti == str(claims["jti"])))).first()
        live = row is not None and await lineage_is_live(session, row.parent_jti)
    if not live or row.revoked_at is not None or row.expires_at <= now or row.tenant_id != client.tenant_id:
        return inactive
    return {
        "active": True,
        "client_id": row.oauth_client_id,
        "exp": claims["exp"],
        "iat": claims["iat"],
        "scope": row.scope,
        "sub": row.user_id,
        "tenant_id": row.tenant_id,
        "token_type": "Bearer" if row.token_type == "access" else "refresh_token",
    }
