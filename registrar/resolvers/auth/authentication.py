"""Authentication of a bearer credential: an access token (JWT) or an API key."""

from __future__ import annotations

from sqlmodel import select

from registrar.auth_tokens import InvalidAccessToken, decode_access_token
from registrar.context import Principal, RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import OAuthToken
from registrar.resolvers.auth.api_keys import principal_for_api_key
from registrar.resolvers.auth.guard import API_KEY_PREFIX
from registrar.resolvers.auth.tokens import lineage_is_live


async def authenticate_bearer(ctx: RequestContext, authorization: str | None) -> Principal:
    """Verify `Authorization: Bearer <jwt>` (signature, HS256, expiry, not-before,
    revocation of the token and of every token it was delegated from) or an API key (`rk_…`).

    Raises `unauthorized` (401) for a missing, malformed, expired or revoked credential.
    """
    if not authorization:
        raise RegistrarError(CommonError.UNAUTHORIZED)
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise RegistrarError(CommonError.UNAUTHORIZED)
    if token.startswith(API_KEY_PREFIX):
        ctx.principal = await principal_for_api_key(ctx, token)
        return ctx.principal
    now = ctx.clock.now()
    try:
        claims = decode_access_token(ctx.services.settings.secret_key, token, now=now)
    except InvalidAccessToken as exc:
        raise RegistrarError(CommonError.UNAUTHORIZED) from exc
    async with ctx.db.read() as session:
        row = (await session.exec(select(OAuthToken).where(OAuthToken.jti == str(claims["jti"])))).first()
        if (
            row is None
            or row.token_type != "access"
            or row.revoked_at is not None
            or row.expires_at <= now
            or not await lineage_is_live(session, row.parent_jti)
        ):
            raise RegistrarError(CommonError.UNAUTHORIZED)
    principal = Principal(
        jti=row.jti,
        user_id=row.user_id,
        tenant_id=row.tenant_id,
        scopes=frozenset(row.scope.split()),
        client_id=claims.get("client_id"),
    )
    ctx.principal = principal
    return principal
