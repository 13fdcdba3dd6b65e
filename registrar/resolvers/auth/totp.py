"""TOTP second factor (RFC 6238 through `cryptography`): enrollment, confirmation, disabling,
and the check a login performs.

SHA-1, 6 digits, 30-second steps, one step of clock drift either way. The secret is encrypted
at rest; the last accepted step is kept so a code is never accepted twice. Confirmation
issues 10 single-use recovery codes, shown once and stored as SHA-256. Every check of a code
counts against a per-user attempt limit, and every change locks the user row first, so
concurrent requests cannot interleave an enrollment.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from sqlalchemy import delete, func, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.crypto import sha256_hex
from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import RecoveryCode, User
from registrar.resolvers._shared.rate_limits import consume
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.auth.users import load_current_user

ISSUER = "Registrar"
DIGITS = 6
STEP_SECONDS = 30
DRIFT_STEPS = 1
SECRET_BYTES = 20  # 160 bits, as RFC 4226 recommends
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i look-alikes
RECOVERY_HALF = 5
CODE_PATTERN = re.compile(rf"^\d{{{DIGITS}}}$")


@dataclass(frozen=True)
class TotpStatus:
    status: str  # not_enrolled | pending | enrolled
    enrolled_at: datetime | None
    recovery_codes_remaining: int


@dataclass(frozen=True)
class TotpEnrollment:
    secret: str
    otpauth_uri: str


def _totp(secret: str) -> TOTP:
    return TOTP(base64.b32decode(secret), DIGITS, SHA1(), STEP_SECONDS)


def _recovery_code() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(2 * RECOVERY_HALF))
    return f"{chars[:RECOVERY_HALF]}-{chars[RECOVERY_HALF:]}"


def _recovery_hash(code: str) -> str:
    """Codes are compared without case, spaces or dashes, as people retype them."""
    return sha256_hex(re.sub(r"[\s-]", "", code).lower())


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


async def _locked_user(session: AsyncSession, user_id: str) -> User:
    user = (await session.exec(select(User).where(User.id == user_id).with_for_update())).first()
    if user is None:
        raise RegistrarError(CommonError.UNAUTHORIZED)
    return user


async def _limit_attempts(ctx: RequestContext, user_id: str) -> None:
    settings = ctx.services.settings
    await consume(
        ctx,
        f"totp:user:{user_id}",
        limit=settings.totp_attempt_limit,
        window_seconds=settings.account_rate_window_seconds,
    )


def _accept_totp(ctx: RequestContext, user: User, code: str) -> bool:
    """True when `code` matches a step within the drift window that is newer than the last
    accepted one; that step is then recorded on `user` (the caller saves it)."""
    code = re.sub(r"\s", "", code)
    if user.totp_secret_encrypted is None or not CODE_PATTERN.match(code):
        return False
    totp = _totp(ctx.services.encryptor.decrypt(user.totp_secret_encrypted))
    current = int(ctx.clock.now().timestamp()) // STEP_SECONDS
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        try:
            totp.verify(code.encode(), step * STEP_SECONDS)
        except InvalidToken:
            continue
        user.totp_last_step = step
        return True
    return False


async def _use_recovery_code(session: AsyncSession, ctx: RequestContext, user: User, code: str) -> bool:
    """Consume an unused recovery code of `user` (one conditional update)."""
    used = await session.exec(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _recovery_hash(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=ctx.clock.now())
        .returning(RecoveryCode.id)
    )
    return used.first() is not None


async def totp_status_of(ctx: RequestContext, user: User) -> TotpStatus:
    """The enrollment state of an already authorized user."""
    remaining = 0
    if user.totp_state == "enrolled":
        async with ctx.db.read() as session:
            remaining = (
                await session.exec(
                    select(func.count())
                    .select_from(RecoveryCode)
                    .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
                )
            ).one()
    return TotpStatus(user.totp_state, user.totp_enrolled_at, remaining)


async def totp_status(ctx: RequestContext) -> TotpStatus:
    """The caller's TOTP state. Errors: unauthorized, insufficient_scope (read), forbidden."""
    return await totp_status_of(ctx, await load_current_user(ctx, "read"))


async def start_enrollment(ctx: RequestContext) -> TotpEnrollment:
    """Create (or, while pending, return again) the caller's TOTP secret.

    Idempotent while pending: the same secret comes back, so a retried request cannot strand
    an authenticator app on a replaced secret. Errors: unauthorized, insufficient_scope
    (write), forbidden; already_enrolled once confirmed.
    """
    caller = await load_current_user(ctx, "write")
    encryptor = ctx.services.encryptor
    async with ctx.db.transaction() as session:
        user = await _locked_user(session, caller.id)
        if user.totp_state == "enrolled":
            raise RegistrarError(AuthError.ALREADY_ENROLLED)
        if user.totp_state == "pending" and user.totp_secret_encrypted:
            secret = encryptor.decrypt(user.totp_secret_encrypted)
        else:
            secret = base64.b32encode(os.urandom(SECRET_BYTES)).decode()
            user.totp_state = "pending"
            user.totp_secret_encrypted = encryptor.encrypt(secret)
            user.totp_last_step = None
            user.updated_at = ctx.clock.now()
            session.add(user)
    return TotpEnrollment(secret, _totp(secret).get_provisioning_uri(user.email, ISSUER))


async def confirm_enrollment(ctx: RequestContext, code: object) -> list[str]:
    """Prove the authenticator works with a current code; the user becomes enrolled and
    receives 10 fresh recovery codes (returned once, stored hashed).

    Errors: unauthorized, insufficient_scope (write), forbidden; unprocessable_entity with
    `details.code` when missing; rate_limited (per-user attempts); already_enrolled;
    wrong_state when no enrollment is pending; invalid_totp_code.
    """
    caller = await load_current_user(ctx, "write")
    text = _text(code)
    if text is None:
        raise validation_error({"code": ["can't be blank"]})
    await _limit_attempts(ctx, caller.id)
    recovery_codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        user = await _locked_user(session, caller.id)
        if user.totp_state == "enrolled":
            raise RegistrarError(AuthError.ALREADY_ENROLLED)
        if user.totp_state != "pending":
            raise RegistrarError(CommonError.WRONG_STATE, detail={"reason": "no pending TOTP enrollment"})
        if not _accept_totp(ctx, user, text):
            raise RegistrarError(AuthError.INVALID_TOTP_CODE)
        user.totp_state = "enrolled"
        user.totp_enrolled_at = now
        user.updated_at = now
        session.add(user)
        await session.exec(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
        session.add_all(
            RecoveryCode(user_id=user.id, code_hash=_recovery_hash(item), inserted_at=now) for item in recovery_codes
        )
    return recovery_codes


async def disable_totp(ctx: RequestContext, code: object = None, recovery_code: object = None) -> None:
    """Clear the caller's enrollment (pending or confirmed) on proof of possession: a current
    TOTP code, or an unused recovery code (which is consumed).

    Errors: unauthorized, insufficient_scope (write), forbidden; unprocessable_entity with
    `details.code` when neither is given; rate_limited; wrong_state when not enrolled;
    invalid_totp_code.
    """
    caller = await load_current_user(ctx, "write")
    totp_code, backup_code = _text(code), _text(recovery_code)
    if totp_code is None and backup_code is None:
        raise validation_error({"code": ["can't be blank (or give recovery_code)"]})
    await _limit_attempts(ctx, caller.id)
    async with ctx.db.transaction() as session:
        user = await _locked_user(session, caller.id)
        if user.totp_state == "not_enrolled":
            raise RegistrarError(CommonError.WRONG_STATE, detail={"reason": "TOTP is not enrolled"})
        proven = (totp_code is not None and _accept_totp(ctx, user, totp_code)) or (
            backup_code is not None and await _use_recovery_code(session, ctx, user, backup_code)
        )
        if not proven:
            raise RegistrarError(AuthError.INVALID_TOTP_CODE)
        user.totp_state = "not_enrolled"
        user.totp_secret_encrypted = None
        user.totp_enrolled_at = None
        user.totp_last_step = None
        user.updated_at = ctx.clock.now()
        session.add(user)
        await session.exec(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


async def verify_second_factor(ctx: RequestContext, user: User, code: str) -> bool:
    """For a login: does `code` — a current TOTP code or an unused recovery code — prove the
    user's second factor? A TOTP step or a recovery code is accepted once only.

    False when the user has no confirmed enrollment. Errors: rate_limited (per-user attempts).
    """
    await _limit_attempts(ctx, user.id)
    async with ctx.db.transaction() as session:
        locked = await _locked_user(session, user.id)
        if locked.totp_state != "enrolled":
            return False
        if _accept_totp(ctx, locked, code):
            session.add(locked)
            return True
        return await _use_recovery_code(session, ctx, locked, code)
