"""Issuing and revoking tokens: every JWT we mint has a row in `oauth_tokens`.

Access tokens are bearer credentials; refresh tokens rotate on every use and belong to a
family (a `user_sessions` row for user grants). Presenting a refresh token that was already
rotated is treated as theft: the whole family is revoked.

A token issued for a code that a bearer token authorized records that token as its
`parent_jti`, and lives only as long as its lineage does: `lineage_is_live` walks the parents
at every use, so revoking a token (however it happens) ends everything derived from it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import ColumnElement, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.auth_tokens import MintedToken, mint_access_token
from registrar.context import RequestContext
from registrar.models import ApiKey, AuthorizationCode, OAuthClient, OAuthToken, UserSession

# How many delegations deep a token may descend from a signed-in one; every use of a token
# reads its parents, so the chain stays short.
MAX_DELEGATION_DEPTH = 4


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
    parent_jti: str | None = None,
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
        parent_jti=parent_jti,
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
    parent_jti: str | None,
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
            parent_jti=parent_jti,
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
    parent_jti: str | None = None,
) -> TokenPair:
    """An access token, plus a refresh token when the client has a refresh TTL. A new
    family is opened (with a session row for user grants) unless `family_id` continues one;
    both tokens descend from `parent_jti` when a bearer token authorized the grant."""
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
        parent_jti=parent_jti,
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
            parent_jti=parent_jti,
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


async def lineage_depth(session: AsyncSession, parent_jti: str | None) -> int | None:
    """How many live tokens a token descends from (0 for one issued to a sign-in or a client),
    or None when one of them is revoked or gone, or the chain is deeper than allowed."""
    depth = 0
    while parent_jti is not None:
        if depth == MAX_DELEGATION_DEPTH:
            return None
        parent = (await session.exec(select(OAuthToken).where(OAuthToken.jti == parent_jti))).first()
        if parent is None or parent.revoked_at is not None:
            return None
        parent_jti = parent.parent_jti
        depth += 1
    return depth


async def lineage_is_live(session: AsyncSession, parent_jti: str | None) -> bool:
    return await lineage_depth(session, parent_jti) is not None


async def revoke_credentials(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    user_id: str | None = None,
    tenant_id: str | None = None,
    client_id: str | None = None,
) -> None:
    """Revoke every live credential matching all the given filters: access and refresh
    tokens, sessions, unused authorization codes and — unless a client is named, since keys
    belong to members — API keys. At least one filter is required."""
    if user_id is None and tenant_id is None and client_id is None:
        raise ValueError("revoke_credentials needs a user, a tenant or a client")
    now = ctx.clock.now()
    for model, done in (
        (AuthorizationCode, AuthorizationCode.consumed_at),
        (OAuthToken, OAuthToken.revoked_at),
        (UserSession, UserSession.revoked_at),
    ):
        filters = _owned_by(model, user_id, tenant_id)
        if client_id is not None:
            filters.append(model.oauth_client_id == client_id)
        await session.exec(update(model).where(*filters, done.is_(None)).values({done.key: now}))
    if client_id is None:
        filters = _owned_by(ApiKey, user_id, tenant_id)
        await session.exec(update(ApiKey).where(*filters, ApiKey.revoked_at.is_(None)).values(revoked_at=now))


def _owned_by(
    model: type[AuthorizationCode | OAuthToken | UserSession | ApiKey], user_id: str | None, tenant_id: str | None
) -> list[ColumnElement[bool]]:
    filters = []
    if user_id is not None:
        filters.append(model.user_id == user_id)
    if tenant_id is not None:
        filters.append(model.tenant_id == tenant_id)
    return filters
