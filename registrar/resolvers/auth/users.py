"""User accounts: email verification, self-service password reset, the current user.

Challenge tokens (verification, reset) are 256-bit random strings handed to the user once, in
an outbox notification; only their SHA-256 is stored. A challenge is consumed by one
conditional update (`consumed_at IS NULL` and not expired), so two concurrent submissions of
the same token cannot both succeed.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta
from urllib.parse import urlencode

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import ColumnElement, func, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.crypto import hash_password, random_token, sha256_hex
from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import User, UserToken
from registrar.resolvers._shared.outbox import NotificationKind, enqueue
from registrar.resolvers._shared.rate_limits import consume
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.guard import require_principal, verify_scope
from registrar.resolvers.auth.passwords import password_problems
from registrar.resolvers.auth.tokens import revoke_credentials

CHALLENGE_TTL = timedelta(hours=24)
VERIFY_EMAIL = "verify_email"
RESET_PASSWORD = "reset_password"
# What `random_token` produces, with room for other URL-safe lengths; anything else is
# malformed and never reaches the database.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
MAX_EMAIL_LENGTH = 320

VERIFY_MESSAGE = """Hello,

Confirm the email address of your registrar account by opening this link within 24 hours:

{link}

If you did not ask for this, you can ignore this message.
"""

RESET_MESSAGE = """Hello,

Someone asked to reset the password of your registrar account. To choose a new password,
open this link within 24 hours:

{link}

If it was not you, ignore this message: your password stays as it is.
"""


async def load_current_user(ctx: RequestContext, scope: str) -> User:
    """The user behind the bearer token, for `/api/v1/user/…` and `viewer`.

    Errors: unauthorized (no token, or its user no longer exists); insufficient_scope;
    forbidden (a client-credentials token has no user).
    """
    principal = require_principal(ctx)
    verify_scope(principal, scope)
    if principal.user_id is None:
        raise RegistrarError(CommonError.FORBIDDEN, detail={"reason": "token has no user"})
    async with ctx.db.read() as session:
        user = await session.get(User, principal.user_id)
    if user is None:
        raise RegistrarError(CommonError.UNAUTHORIZED)
    return user


def _link(ctx: RequestContext, path: str, token: str) -> str:
    return f"{ctx.services.settings.public_url}{path}?{urlencode({'token': token})}"


def _challenge(ctx: RequestContext, user_id: str, purpose: str, token_hash: str) -> UserToken:
    now = ctx.clock.now()
    return UserToken(
        user_id=user_id,
        purpose=purpose,
        token_hash=token_hash,
        expires_at=now + CHALLENGE_TTL,
        inserted_at=now,
    )


def _well_formed(token: object) -> str | None:
    if isinstance(token, str) and TOKEN_PATTERN.match(token):
        return token
    return None


def _is_live(purpose: str, token: str, now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        UserToken.token_hash == sha256_hex(token),
        UserToken.purpose == purpose,
        UserToken.consumed_at.is_(None),
        UserToken.expires_at > now,
    )


async def _live_challenge(ctx: RequestContext, purpose: str, token: str) -> UserToken | None:
    async with ctx.db.read() as session:
        statement = select(UserToken).where(*_is_live(purpose, token, ctx.clock.now()))
        return (await session.exec(statement)).first()


async def _consume_challenge(session: AsyncSession, ctx: RequestContext, purpose: str, token: str) -> str | None:
    """Mark a live challenge consumed; the user's id, or None when no live one matched."""
    now = ctx.clock.now()
    statement = (
        update(UserToken).where(*_is_live(purpose, token, now)).values(consumed_at=now).returning(UserToken.user_id)
    )
    return (await session.exec(statement)).scalar_one_or_none()


async def _limit_per_ip(ctx: RequestContext, action: str) -> None:
    settings = ctx.services.settings
    await consume(
        ctx,
        f"{action}:ip:{ctx.meta.ip or 'unknown'}",
        limit=settings.account_rate_limit,
        window_seconds=settings.account_rate_window_seconds,
    )


async def issue_email_verification(ctx: RequestContext, user_id: str) -> str:
    """Issue a verification challenge for a user and queue the email carrying its link.

    Returns the token (for tests); only its SHA-256 is stored. Errors: not_found when the user
    does not exist.
    """
    async with ctx.db.transaction() as session:
        user = await session.get(User, user_id)
        if user is None:
            raise RegistrarError(CommonError.NOT_FOUND)
        return stage_email_verification(session, ctx, user)


def stage_email_verification(session: AsyncSession, ctx: RequestContext, user: User) -> str:
    """Add a verification challenge for `user` and queue its email in the caller's transaction
    (the operator's resend also audits it there); the token, stored only as its SHA-256."""
    token = random_token()
    session.add(_challenge(ctx, user.id, VERIFY_EMAIL, sha256_hex(token)))
    enqueue(
        session,
        ctx,
        kind=NotificationKind.VERIFY_EMAIL,
        recipient=user.email,
        subject="Confirm your email address",
        body=VERIFY_MESSAGE.format(link=_link(ctx, "/verify/user", token)),
    )
    return token


async def verify_email(ctx: RequestContext, token: object) -> User:
    """Consume a verification challenge and mark the user's email verified.

    Errors: rate_limited (per client IP); unprocessable_entity with `details.token` when the
    token is missing; not_found when it matches no live challenge (malformed, unknown,
    expired or already consumed).
    """
    await _limit_per_ip(ctx, "users.verify")
    if token is None or token == "":
        raise validation_error({"token": ["can't be blank"]})
    well_formed = _well_formed(token)
    if well_formed is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    async with ctx.db.transaction() as session:
        user_id = await _consume_challenge(session, ctx, VERIFY_EMAIL, well_formed)
        user = await session.get(User, user_id) if user_id else None
        if user is None:
            raise RegistrarError(CommonError.NOT_FOUND)
        if user.email_verified_at is None:
            user.email_verified_at = ctx.clock.now()
            user.updated_at = user.email_verified_at
            session.add(user)
    return user


def _reset_email(email: object) -> str:
    if not isinstance(email, str) or not email.strip() or len(email) > MAX_EMAIL_LENGTH:
        raise RegistrarError(AuthError.INVALID_EMAIL_FORMAT)
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise RegistrarError(AuthError.INVALID_EMAIL_FORMAT) from exc


async def request_password_reset(ctx: RequestContext, email: object) -> None:
    """Start a reset: when the email belongs to a user, store a challenge and queue the link.

    The caller learns nothing about whether the email is registered: a token is generated and
    hashed and the user looked up in a write transaction either way, and the result is the
    same. Errors: rate_limited (per client IP and per email); invalid_email_format.
    """
    await _limit_per_ip(ctx, "users.reset_password")
    address = _reset_email(email)
    settings = ctx.services.settings
    await consume(
        ctx,
        f"users.reset_password:email:{sha256_hex(address)}",
        limit=settings.reset_email_rate_limit,
        window_seconds=settings.account_rate_window_seconds,
    )
    token = random_token()
    challenge_hash = sha256_hex(token)
    async with ctx.db.transaction() as session:
        user = (await session.exec(select(User).where(func.lower(User.email) == address))).first()
        if user is None:
            return
        session.add(_challenge(ctx, user.id, RESET_PASSWORD, challenge_hash))
        enqueue(
            session,
            ctx,
            kind=NotificationKind.RESET_PASSWORD,
            recipient=user.email,
            subject="Reset your password",
            body=RESET_MESSAGE.format(link=_link(ctx, "/reset-password", token)),
        )


async def complete_password_reset(ctx: RequestContext, token: object, password: object) -> User:
    """Set a new password with a reset challenge; every session, token and API key of the
    user is revoked and every other outstanding reset challenge consumed. TOTP enrollment stays.

    Errors: rate_limited (per client IP); invalid_token (malformed, unknown, consumed or
    expired — deliberately one code); unprocessable_entity with `details.password`.
    """
    await _limit_per_ip(ctx, "users.reset_password.complete")
    well_formed = _well_formed(token)
    if well_formed is None or await _live_challenge(ctx, RESET_PASSWORD, well_formed) is None:
        raise RegistrarError(AuthError.INVALID_TOKEN)
    problems = password_problems(password)
    if problems:
        raise validation_error({"password": problems})
    assert isinstance(password, str)
    password_hash = await asyncio.to_thread(hash_password, password)
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        user_id = await _consume_challenge(session, ctx, RESET_PASSWORD, well_formed)
        user = await session.get(User, user_id) if user_id else None
        if user is None:
            raise RegistrarError(AuthError.INVALID_TOKEN)
        user.password_hash = password_hash
        user.updated_at = now
        session.add(user)
        await session.exec(
            update(UserToken)
            .where(
                UserToken.user_id == user.id,
                UserToken.purpose == RESET_PASSWORD,
                UserToken.consumed_at.is_(None),
            )
            .values(consumed_at=now)
        )
        await revoke_credentials(session, ctx, user_id=user.id)
    return user


async def user_by_email(ctx: RequestContext, email: object) -> User:
    """Operator lookup by address (case-insensitive). Errors: not_found."""
    address = email.strip().lower() if isinstance(email, str) else ""
    async with ctx.db.read() as session:
        user = (await session.exec(select(User).where(func.lower(User.email) == address))).first()
    if user is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return user
