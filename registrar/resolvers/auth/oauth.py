"""The OAuth 2.0 authorization server: authorization code + PKCE (S256 only),
client_credentials, refresh-token rotation, RFC 7009 revocation, RFC 7662 introspection.

Error codes follow RFC 6749 §5.2 (`invalid_request`, `invalid_client`, `invalid_grant`,
`unauthorized_client`, `unsupported_grant_type`, `invalid_scope`), rendered in the
product's envelope.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.auth_tokens import InvalidAccessToken, decode_access_token
from registrar.context import RequestContext
from registrar.crypto import constant_time_equal, random_token, sha256_hex, verify_password
from registrar.errors import RegistrarError
from registrar.models import (
    AuthorizationCode,
    Membership,
    OAuthClient,
    OAuthToken,
    Tenant,
    UserSession,
)
from registrar.resolvers._shared.rate_limits import consume
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.tokens import TokenPair, issue_token_pair, revoke_family

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


def _requested_scope(raw: object, allowed: list[str]) -> str:
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


async def validate_authorization(ctx: RequestContext, request: AuthorizationRequest) -> ValidAuthorization:
    """Check an authorization request before anyone is asked to sign in.

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
    return ValidAuthorization(
        client=client,
        redirect_uri=request.redirect_uri,
        code_challenge=request.code_challenge,
        scope=_requested_scope(request.scope, client.allowed_scopes),
        tenant_id=tenant_id,
        state=state,
    )


async def issue_authorization_code(ctx: RequestContext, grant: ValidAuthorization, user_id: str) -> IssuedCode:
    """A single-use code for a signed-in user who is an active member of the tenant.

    Errors: access_denied (not an active member of an active tenant).
    """
    async with ctx.db.transaction() as session:
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


def _pkce_matches(verifier: object, challenge: str) -> bool:
    if not isinstance(verifier, str) or not PKCE_VALUE.match(verifier):
        return False
    digest = hashlib.sha256(verifier.encode()).digest()
    computed = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return constant_time_equal(computed, challenge)


async def exchange_token(
    ctx: RequestContext, grant_type: object, form: dict[str, Any], credentials: ClientCredentials
) -> TokenPair:
    """`POST /oauth/token` for the three grants, rate-limited per client address.

    Errors: unsupported_grant_type, invalid_request, invalid_client, invalid_grant,
    unauthorized_client, invalid_scope, rate_limited.
    """
    await consume(
        ctx,
        f"oauth_token:{ctx.meta.ip}",
        limit=ctx.services.settings.token_rate_limit,
        window_seconds=60,
    )
    if grant_type == "authorization_code":
        return await _authorization_code_grant(ctx, form, credentials)
    if grant_type == "client_credentials":
        return await _client_credentials_grant(ctx, form, credentials)
    if grant_type == "refresh_token":
        return await _refresh_token_grant(ctx, form, credentials)
    raise RegistrarError(AuthError.UNSUPPORTED_GRANT_TYPE)


async def _authorization_code_grant(
    ctx: RequestContext, form: dict[str, Any], credentials: ClientCredentials
) -> TokenPair:
    code = form.get("code")
    if not isinstance(code, str) or not code:
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "code is required"})
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        client = await authenticate_client(session, credentials, require_secret=False)
        row = (
            await session.exec(select(AuthorizationCode).where(AuthorizationCode.code_hash == sha256_hex(code)))
        ).first()
        if (
            row is None
            or row.oauth_client_id != client.id
            or row.consumed_at is not None
            or row.expires_at <= now
            or form.get("redirect_uri") != row.redirect_uri
            or not _pkce_matches(form.get("code_verifier"), row.code_challenge)
        ):
            raise RegistrarError(AuthError.INVALID_GRANT)
        consumed = await session.exec(
            update(AuthorizationCode)
            .where(AuthorizationCode.id == row.id, AuthorizationCode.consumed_at.is_(None))
            .values(consumed_at=now)
        )
        if consumed.rowcount != 1:
            raise RegistrarError(AuthError.INVALID_GRANT)
        return await issue_token_pair(
            session,
            ctx,
            client=client,
            user_id=row.user_id,
            tenant_id=row.tenant_id,
            scope=row.scope,
        )


async def _client_credentials_grant(
    ctx: RequestContext, form: dict[str, Any], credentials: ClientCredentials
) -> TokenPair:
    async with ctx.db.transaction() as session:
        client = await authenticate_client(session, credentials, require_secret=True)
        if "client_credentials" not in client.allowed_flows or client.tenant_id is None:
            raise RegistrarError(AuthError.UNAUTHORIZED_CLIENT)
        scope = _requested_scope(form.get("scope"), client.allowed_scopes)
        return await issue_token_pair(
            session, ctx, client=client, user_id=None, tenant_id=client.tenant_id, scope=scope
        )


class _RefreshReuse(Exception):
    """A rotated refresh token came back: its family must be revoked."""

    def __init__(self, family_id: str | None) -> None:
        self.family_id = family_id


async def _refresh_token_grant(ctx: RequestContext, form: dict[str, Any], credentials: ClientCredentials) -> TokenPair:
    """Rotate a refresh token. Presenting one that was already rotated — or losing a race
    to rotate it — revokes its whole family, in a transaction of its own that survives the
    refusal."""
    raw = form.get("refresh_token")
    if not isinstance(raw, str) or not raw:
        raise RegistrarError(AuthError.INVALID_REQUEST, detail={"reason": "refresh_token is required"})
    now = ctx.clock.now()
    try:
        claims = decode_access_token(ctx.services.settings.secret_key, raw, now=now)
    except InvalidAccessToken as exc:
        raise RegistrarError(AuthError.INVALID_GRANT) from exc
    try:
        async with ctx.db.transaction() as session:
            row = (await session.exec(select(OAuthToken).where(OAuthToken.jti == str(claims["jti"])))).first()
            if row is None or row.token_type != "refresh":
                raise RegistrarError(AuthError.INVALID_GRANT)
            if row.rotated_at is not None:
                raise _RefreshReuse(row.family_id)
            client = await session.get(OAuthClient, row.oauth_client_id)
            if (
                client is None
                or client.revoked_at is not None
                or row.revoked_at is not None
                or row.expires_at <= now
                or (row.family_id and await _session_ended(session, row.family_id, now))
                or credentials.client_id not in (None, "", client.client_id)
            ):
                raise RegistrarError(AuthError.INVALID_GRANT)
            if client.client_type == "confidential":
                await authenticate_client(
                    session,
                    ClientCredentials(client.client_id, credentials.client_secret),
                    require_secret=True,
                )
            rotated = await session.exec(
                update(OAuthToken)
                .where(OAuthToken.id == row.id, OAuthToken.rotated_at.is_(None))
                .values(rotated_at=now, revoked_at=now)
            )
            if rotated.rowcount != 1:  # a concurrent request rotated it first
                raise _RefreshReuse(row.family_id)
            scope = _requested_scope(form.get("scope"), row.scope.split()) if form.get("scope") else row.scope
            return await issue_token_pair(
                session,
                ctx,
                client=client,
                user_id=row.user_id,
                tenant_id=row.tenant_id,
                scope=scope,
                family_id=row.family_id,
            )
    except _RefreshReuse as reuse:
        if reuse.family_id:
            async with ctx.db.transaction() as session:
                await revoke_family(session, ctx, reuse.family_id)
        raise RegistrarError(AuthError.INVALID_GRANT) from None


async def _session_ended(session: AsyncSession, family_id: str, now) -> bool:
    user_session = await session.get(UserSession, family_id)
    return user_session is not None and (user_session.revoked_at is not None or user_session.expires_at <= now)


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


async def introspect_token(ctx: RequestContext, token: object) -> dict[str, Any]:
    """RFC 7662: the claims of an active token, else `{"active": false}`."""
    inactive = {"active": False}
    if not isinstance(token, str) or not token:
        return inactive
    now = ctx.clock.now()
    try:
        claims = decode_access_token(ctx.services.settings.secret_key, token, now=now)
    except InvalidAccessToken:
        return inactive
    async with ctx.db.read() as session:
        row = (await session.exec(select(OAuthToken).where(OAuthToken.jti == str(claims["jti"])))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
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
