"""Password sign-in for the authorization page: the only place a person proves who they are.

Unknown addresses cost the same Argon2 work as known ones, every attempt is rate-limited per
address and per client IP, and once TOTP is enrolled a second factor is required.
"""

from __future__ import annotations

from sqlmodel import select

from registrar.context import RequestContext
from registrar.crypto import hash_password, verify_password
from registrar.errors import RegistrarError
from registrar.models import User
from registrar.resolvers._shared.rate_limits import consume
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.totp import verify_second_factor

ATTEMPTS_PER_WINDOW = 10
WINDOW_SECONDS = 900
_DECOY_HASH = hash_password("decoy password that never matches anything")


async def sign_in(ctx: RequestContext, email: object, password: object, second_factor: object) -> User:
    """Errors: invalid_credentials (401), second_factor_required (401), rate_limited (429)."""
    address = email.strip().lower() if isinstance(email, str) else ""
    await consume(
        ctx,
        f"sign_in:ip:{ctx.meta.ip}",
        limit=ATTEMPTS_PER_WINDOW * 5,
        window_seconds=WINDOW_SECONDS,
    )
    await consume(ctx, f"sign_in:email:{address}", limit=ATTEMPTS_PER_WINDOW, window_seconds=WINDOW_SECONDS)
    async with ctx.db.read() as session:
        user = (await session.exec(select(User).where(User.email == address))).first() if address else None
    secret = password if isinstance(password, str) else ""
    if user is None or user.password_hash is None:
        verify_password(_DECOY_HASH, secret)
        raise RegistrarError(AuthError.INVALID_CREDENTIALS)
    if not verify_password(user.password_hash, secret):
        raise RegistrarError(AuthError.INVALID_CREDENTIALS)
    if user.totp_state == "enrolled":
        code = second_factor.strip() if isinstance(second_factor, str) else ""
        if not code:
            raise RegistrarError(AuthError.SECOND_FACTOR_REQUIRED)
        if not await verify_second_factor(ctx, user, code):
            raise RegistrarError(AuthError.INVALID_CREDENTIALS)
    return user
