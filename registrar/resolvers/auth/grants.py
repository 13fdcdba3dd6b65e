"""`POST /oauth/token`: the authorization-code (PKCE), client_credentials and refresh-token
grants, rate-limited per client address.

Nothing is issued to a subject that may no longer hold tokens: the tenant must be active and,
for a user's grant, the user an active member of it. A grant descending from a bearer token
(a code it authorized, and the refresh tokens that follow) is refused once that token, or one
it descends from, is revoked. Errors are RFC 6749 §5.2's.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.auth_tokens import InvalidAccessToken, decode_access_token
from registrar.context import RequestContext
from registrar.crypto import constant_time_equal, sha256_hex
from registrar.errors import RegistrarError
from registrar.models import AuthorizationCode, Membership, OAuthClient, OAuthToken, Tenant, UserSession
from registrar.resolvers._shared.rate_limits import consume
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.oauth import PKCE_VALUE, ClientCredentials, authenticate_client, requested_scope
from registrar.resolvers.auth.oauth_clients import is_platform_client
from registrar.resolvers.auth.tokens import TokenPair, issue_token_pair, lineage_is_live, revoke_family


async def exchange_token(
    ctx: RequestContext, grant_type: object, form: dict[str, Any], credentials: ClientCredentials
) -> TokenPair:
    """`POST /oauth/token` for the three grants, rate-limited per client address.

    Errors: unsupported_grant_type, invalid_request, invalid_client, invalid_grant,
    unauthorized_client (also a client of a suspended tenant), invalid_scope, rate_limited.
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


async def check_subject_active(session: AsyncSession, tenant_id: str | None, user_id: str | None) -> bool:
    """Whether tokens may still be issued for this tenant (active) and, for a user, to this
    user (an active member of it)."""
    tenant = await session.get(Tenant, tenant_id) if tenant_id is not None else None
    if tenant is None or tenant.status != "active":
        return False
    if user_id is None:
        return True
    membership = (
        await session.exec(select(Membership).where(Membership.tenant_id == tenant_id, Membership.user_id == user_id))
    ).first()
    return membership is not None and membership.state == "active"


def _pkce_matches(verifier: object, challenge: str) -> bool:
    if not isinstance(verifier, str) or not PKCE_VALUE.match(verifier):
        return False
    digest = hashlib.sha256(verifier.encode()).digest()
    computed = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return constant_time_equal(computed, challenge)


def _code_matches(row: AuthorizationCode | None, client: OAuthClient, form: dict[str, Any], now: datetime) -> bool:
    return (
        row is not None
        and row.oauth_client_id == client.id
        and row.consumed_at is None
        and row.expires_at > now
        and form.get("redirect_uri") == row.redirect_uri
        and _pkce_matches(form.get("code_verifier"), row.code_challenge)
    )


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
            not _code_matches(row, client, form, now)
            or not await lineage_is_live(session, row.parent_jti)
            or not await check_subject_active(session, row.tenant_id, row.user_id)
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
            parent_jti=row.parent_jti,
        )


async def _client_credentials_grant(
    ctx: RequestContext, form: dict[str, Any], credentials: ClientCredentials
) -> TokenPair:
    async with ctx.db.transaction() as session:
        client = await authenticate_client(session, credentials, require_secret=True)
        if "client_credentials" not in client.allowed_flows:
            raise RegistrarError(AuthError.UNAUTHORIZED_CLIENT)
        if client.tenant_id is None:
            if not is_platform_client(client):
                raise RegistrarError(AuthError.UNAUTHORIZED_CLIENT)
        elif not await check_subject_active(session, client.tenant_id, None):
            raise RegistrarError(AuthError.UNAUTHORIZED_CLIENT, detail={"reason": "the tenant is not active"})
        scope = requested_scope(form.get("scope"), client.allowed_scopes)
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
            client = await _refreshing_client(session, row, credentials, now)
            rotated = await session.exec(
                update(OAuthToken)
                .where(OAuthToken.id == row.id, OAuthToken.rotated_at.is_(None))
                .values(rotated_at=now, revoked_at=now)
            )
            if rotated.rowcount != 1:  # a concurrent request rotated it first
                raise _RefreshReuse(row.family_id)
            scope = requested_scope(form.get("scope"), row.scope.split()) if form.get("scope") else row.scope
            return await issue_token_pair(
                session,
                ctx,
                client=client,
                user_id=row.user_id,
                tenant_id=row.tenant_id,
                scope=scope,
                family_id=row.family_id,
                parent_jti=row.parent_jti,
            )
    except _RefreshReuse as reuse:
        if reuse.family_id:
            async with ctx.db.transaction() as session:
                await revoke_family(session, ctx, reuse.family_id)
        raise RegistrarError(AuthError.INVALID_GRANT) from None


async def _refreshing_client(
    session: AsyncSession, row: OAuthToken, credentials: ClientCredentials, now: datetime
) -> OAuthClient:
    """The client a live refresh token was issued to, authenticated when confidential.

    Errors: invalid_grant (the token, its session, its lineage or its subject is no longer
    live; another client presents it), invalid_client.
    """
    client = await session.get(OAuthClient, row.oauth_client_id)
    if (
        client is None
        or client.revoked_at is not None
        or row.revoked_at is not None
        or row.expires_at <= now
        or (row.family_id and await _session_ended(session, row.family_id, now))
        or credentials.client_id not in (None, "", client.client_id)
        or not await lineage_is_live(session, row.parent_jti)
        or not await check_subject_active(session, row.tenant_id, row.user_id)
    ):
        raise RegistrarError(AuthError.INVALID_GRANT)
    if client.client_type == "confidential":
        await authenticate_client(
            session,
            ClientCredentials(client.client_id, credentials.client_secret),
            require_secret=True,
        )
    return client


async def _session_ended(session: AsyncSession, family_id: str, now: datetime) -> bool:
    user_session = await session.get(UserSession, family_id)
    return user_session is not None and (user_session.revoked_at is not None or user_session.expires_at <= now)
