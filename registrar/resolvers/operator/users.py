"""The operator and users' accounts: sending a user a new email-verification link."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import User
from registrar.resolvers.auth.users import MAX_EMAIL_LENGTH, stage_email_verification
from registrar.resolvers.operator.audit import REDACTED, diff, record
from registrar.resolvers.operator.guard import OperatorAccess


@dataclass(frozen=True)
class VerificationSent:
    user: User
    token: str  # never returned by the API; the CLI prints it with --print-token (test setups)


async def resend_verification(ctx: RequestContext, operator: OperatorAccess, email: object) -> VerificationSent:
    """Queue a new verification link for the user with this address (any case), audited as
    `user.resend_verification` with the token redacted. Earlier links stay valid until they
    expire.

    Errors: unprocessable_entity (blank email); not_found (no user has it);
    wrong_state_conflict (the address is already verified).
    """
    if not isinstance(email, str) or not email.strip() or len(email) > MAX_EMAIL_LENGTH:
        raise validation_error({"email": [f"can't be blank (at most {MAX_EMAIL_LENGTH} characters)"]})
    address = email.strip().lower()
    async with ctx.db.transaction() as session:
        user = (await session.exec(select(User).where(func.lower(User.email) == address))).first()
        if user is None:
            raise RegistrarError(CommonError.NOT_FOUND)
        if user.email_verified_at is not None:
            raise RegistrarError(CommonError.WRONG_STATE_CONFLICT, detail={"reason": "email already verified"})
        token = stage_email_verification(session, ctx, user)
        await record(
            session,
            ctx,
            operator,
            "user.resend_verification",
            ("user", user.id),
            changes=diff(None, {"email": user.email, "verification_token": REDACTED}),
        )
    return VerificationSent(user, token)
