"""Issuing access tokens: every JWT we mint has a row in `oauth_tokens` for revocation."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.auth_tokens import MintedToken, mint_access_token
from registrar.context import RequestContext
from registrar.models import OAuthClient, OAuthToken


async def issue_access_token(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    client: OAuthClient,
    user_id: str | None,
    tenant_id: str | None,
    scope: str,
    ttl_seconds: int | None = None,
) -> MintedToken:
    now = ctx.clock.now()
    minted = mint_access_token(
        ctx.services.settings.secret_key,
        now=now,
        ttl_seconds=ttl_seconds or client.access_token_ttl_seconds,
        user_id=user_id,
        tenant_id=tenant_id,
        scope=scope,
        client_id=client.client_id,
    )
    session.add(
        OAuthToken(
            jti=minted.jti,
            token_type="access",
            tenant_id=tenant_id,
            user_id=user_id,
            oauth_client_id=client.id,
            scope=scope,
            expires_at=minted.expires_at,
            inserted_at=now,
        )
    )
    return minted
