"""Issuing and revoking tokens: every JWT we mint has a row in `oauth_tokens`.

Access tokens are bearer credentials; refresh tokens rotate on every use and belong to a
family (a `user_sessions` row for user grants). Presenting a refresh token that was already
rotated is treated as theft: the whole family is revoked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.auth_tokens import MintedToken, mint_access_token
from registrar.context import RequestContext
from registrar.models import AuthorizationCode, OAuthClient, OAuthToken, UserSession


async def issue_access_token(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    client: OAuthClient,
    user_id: str | None,
    tenant_id: str | None,
    scope: str,
    ttl_seconds: int | None = None,
    family_id: str | None = None,
) -> MintedToken:
    return _mint(
        session,
        ctx,
        token_type="access",
        client=client,
        user_id=user_id,
        tenant_id=tenant_id,
        scope=scope,
        ttl_seconds=ttl_seconds or client.access_token_ttl_seconds,
        family_id=family_id,
    )


def _mint(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    token_type: str,
    client: OAuthClient,
    user_id: str | None,
    tenant_id: str | None,
    scope: str,
    ttl_seconds: int,
    family_id: str | None,
) -> MintedToken:
    now = ctx.clock.now()
    minted = mint_access_token(
        ctx.services.settings.secret_key,
        now=now,
        ttl_seconds=ttl_seconds,
        user_id=user_id,
        tenant_id=tenant_id,
        scope=scope,
        client_id=client.client_id,
        token_type=token_type,
    )
    session.add(
        OAuthToken(
            jti=minted.jti,
            token_type=token_type,
            tenant_id=tenant_id,
            user_id=user_id,
            oauth_client_id=client.id,
            scope=scope,
            family_id=family_id,
            expires_at=minted.expires_at,
            inserted_at=now,
        )
    )
    return minted


@dataclass(frozen=True)
class TokenPair:
    access: MintedToken
    refresh: MintedToken | None
    scope: str
    expires_in: int


async def issue_token_pair(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    client: OAuthClient,
    user_id: str | None,
    tenant_id: str | None,
    scope: str,
    family_id: str | None = None,
) -> TokenPair:
    """An access token, plus a refresh token when the client has a refresh TTL. A new
    family is opened (with a session row for user grants) unless `family_id` continues one."""
    refresh_ttl = client.refresh_token_ttl_seconds
    if family_id is None:
        family_id = str(uuid.uuid4())
        if user_id is not None:
            now = ctx.clock.now()
            lifetime = refresh_ttl or client.access_token_ttl_seconds
            session.add(
                UserSession(
                    id=family_id,
                    user_id=user_id,
                    tenant_id=tenant_id,
                    oauth_client_id=client.id,
                    ip_address=ctx.meta.ip,
                    user_agent=(ctx.meta.user_agent or "")[:500] or None,
                    expires_at=now + timedelta(seconds=lifetime),
                    inserted_at=now,
                )
            )
    access = await issue_access_token(
        session,
        ctx,
        client=client,
        user_id=user_id,
        tenant_id=tenant_id,
        scope=scope,
        family_id=family_id,
    )
    refresh = None
    if refresh_ttl:
        refresh = _mint(
            session,
            ctx,
            token_type="refresh",
            client=client,
            user_id=user_id,
            tenant_id=tenant_id,
            scope=scope,
            ttl_seconds=refresh_ttl,
            family_id=family_id,
        )
    return TokenPair(access=access, refresh=refresh, scope=scope, expires_in=client.access_token_ttl_seconds)


async def revoke_family(session: AsyncSession, ctx: RequestContext, family_id: str) -> None:
    """Revoke every token of a family and its session."""
    now = ctx.clock.now()
    await session.exec(
        update(OAuthToken)
        .where(OAuthToken.family_id == family_id, OAuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await session.exec(
        update(UserSession).where(UserSession.id == family_id, UserSession.revoked_at.is_(None)).values(revoked_at=now)
    )


async def revoke_user_tokens(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    user_id: str | None = None,
    client_id: str | None = None,
) -> None:
    """Revoke every live token (and session) of a user or of an OAuth client, and retire
    their unused authorization codes so none can be exchanged afterwards."""
    now = ctx.clock.now()
    code_filter = AuthorizationCode.user_id == user_id if user_id else AuthorizationCode.oauth_client_id == client_id
    await session.exec(
        update(AuthorizationCode).where(code_filter, AuthorizationCode.consumed_at.is_(None)).values(consumed_at=now)
    )
    token_filter = OAuthToken.user_id == user_id if user_id else OAuthToken.oauth_client_id == client_id
    session_filter = UserSession.user_id == user_id if user_id else UserSession.oauth_client_id == client_id
    await session.exec(update(OAuthToken).where(token_filter, OAuthToken.revoked_at.is_(None)).values(revoked_at=now))
    await session.exec(
        update(UserSession).where(session_filter, UserSession.revoked_at.is_(None)).values(revoked_at=now)
    )
