"""The users area: `viewer` (the token's user) and the mutations on a user's own credentials:
email verification, password reset and TOTP. Each field calls one resolver of
`registrar.resolvers.auth.users` or `.totp`; the unauthenticated mutations ignore the
Authorization header, the others report auth failures as top-level errors and every other
failure in the payload's `errors`."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from enum import Enum
from typing import Annotated, TypeVar

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.resolvers.auth import totp, users
from registrar.schema.common import Node, UserError, user_errors
from registrar.schema.context import GraphQLContext, context_of, top_level_error

AUTH_CODES = frozenset({"unauthorized", "forbidden", "insufficient_scope"})
T = TypeVar("T")
Arg = Annotated[T, strawberry.argument(description="What to act on.")]


@strawberry.enum(description="Where a user stands with TOTP two-factor authentication.")
class TotpState(Enum):
    NOT_ENROLLED = strawberry.enum_value("not_enrolled", description="No authenticator set up.")
    PENDING = strawberry.enum_value("pending", description="A secret was issued and awaits confirmation with a code.")
    ENROLLED = strawberry.enum_value("enrolled", description="Confirmed: sign-in asks for a code.")


@strawberry.type(description="A user's TOTP second factor.")
class TotpStatus:
    status: TotpState = strawberry.field(description="Enrollment state.")
    enrolled_at: datetime | None = strawberry.field(description="When enrollment was confirmed.")
    recovery_codes_remaining: int = strawberry.field(description="Unused recovery codes (0 unless enrolled).")

    @classmethod
    def of(cls, status: totp.TotpStatus) -> TotpStatus:
        return cls(
            status=TotpState(status.status),
            enrolled_at=status.enrolled_at,
            recovery_codes_remaining=status.recovery_codes_remaining,
        )


@strawberry.type(description="A user account: the person behind a login.")
class UserAccount(Node):
    row: strawberry.Private[models.User]

    @strawberry.field(description="Login email address.")
    def email(self) -> str:
        return self.row.email

    @strawberry.field(description="When the email address was verified; null until then.")
    def email_verified_at(self) -> datetime | None:
        return self.row.email_verified_at

    @classmethod
    def of(cls, row: models.User) -> UserAccount:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="The user the bearer token belongs to.")
class Viewer(UserAccount):
    @strawberry.field(description="The viewer's TOTP second factor.")
    async def totp(self, info: Info) -> TotpStatus:
        return TotpStatus.of(await totp.totp_status_of(context_of(info), self.row))


@strawberry.input(description="A challenge token from a verification email.")
class VerifyEmailInput:
    token: str = strawberry.field(description="The token from the emailed link.")


@strawberry.type(description="Result of `verifyEmail`.")
class VerifyEmailPayload:
    user: UserAccount | None = strawberry.field(description="The verified user, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="Whose password to reset.")
class RequestPasswordResetInput:
    email: str = strawberry.field(description="The account's email address.")


@strawberry.type(
    description="Result of `requestPasswordReset`; the same whether or not the email belongs to an account."
)
class RequestPasswordResetPayload:
    accepted: bool | None = strawberry.field(description="True when the request was taken.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="A reset token and the new password.")
class CompletePasswordResetInput:
    token: str = strawberry.field(description="The token from the reset email.")
    password: str = strawberry.field(description="The new password (12 characters or more).")


@strawberry.type(description="Result of `completePasswordReset`.")
class CompletePasswordResetPayload:
    user: UserAccount | None = strawberry.field(description="The user, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `enrollTotp`.")
class EnrollTotpPayload:
    secret: str | None = strawberry.field(description="Base32 secret for the authenticator.")
    otpauth_uri: str | None = strawberry.field(description="`otpauth://` URI (for a QR code).")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="A code from the newly set-up authenticator.")
class ConfirmTotpInput:
    code: str = strawberry.field(description="The current 6-digit code.")


@strawberry.type(description="Result of `confirmTotp`.")
class ConfirmTotpPayload:
    recovery_codes: list[str] | None = strawberry.field(description="10 single-use recovery codes, shown this once.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="Proof of possession: a current code or an unused recovery code.")
class DisableTotpInput:
    code: str | None = strawberry.field(default=None, description="A current 6-digit code.")
    recovery_code: str | None = strawberry.field(default=None, description="An unused recovery code (consumed).")


@strawberry.type(description="Result of `disableTotp`.")
class DisableTotpPayload:
    totp: TotpStatus | None = strawberry.field(description="The new state, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


def _authenticated(info: Info) -> RequestContext:
    graphql_context: GraphQLContext = info.context
    if graphql_context.auth_error is not None:
        raise top_level_error(graphql_context.auth_error)
    return graphql_context.request_context


async def _as_user(call: Awaitable[T]) -> T:
    """Run a user-scoped resolver; its auth failures become top-level errors."""
    try:
        return await call
    except RegistrarError as error:
        if error.code in AUTH_CODES:
            raise top_level_error(error) from None
        raise


@strawberry.type
class UserQuery:
    @strawberry.field(description="The user the bearer token belongs to (needs `read`).")
    async def viewer(self, info: Info) -> Viewer:
        user = await _as_user(users.load_current_user(_authenticated(info), "read"))
        return Viewer(id=strawberry.ID(user.id), row=user)


@strawberry.type
class UserMutation:
    @strawberry.mutation(description="Verify an email address with the emailed token.")
    async def verify_email(self, info: Info, input: Arg[VerifyEmailInput]) -> VerifyEmailPayload:
        try:
            row = await users.verify_email(context_of(info), input.token)
        except RegistrarError as error:
            return VerifyEmailPayload(user=None, errors=user_errors(error))
        return VerifyEmailPayload(user=UserAccount.of(row), errors=[])

    @strawberry.mutation(description="Email a password-reset link, if the address has an account.")
    async def request_password_reset(
        self, info: Info, input: Arg[RequestPasswordResetInput]
    ) -> RequestPasswordResetPayload:
        try:
            await users.request_password_reset(context_of(info), input.email)
        except RegistrarError as error:
            return RequestPasswordResetPayload(accepted=None, errors=user_errors(error))
        return RequestPasswordResetPayload(accepted=True, errors=[])

    @strawberry.mutation(description="Set a new password with a reset token; signs out everywhere.")
    async def complete_password_reset(
        self, info: Info, input: Arg[CompletePasswordResetInput]
    ) -> CompletePasswordResetPayload:
        try:
            row = await users.complete_password_reset(context_of(info), input.token, input.password)
        except RegistrarError as error:
            return CompletePasswordResetPayload(user=None, errors=user_errors(error))
        return CompletePasswordResetPayload(user=UserAccount.of(row), errors=[])

    @strawberry.mutation(description="Start (or, while pending, repeat) TOTP enrollment for the viewer (`write`).")
    async def enroll_totp(self, info: Info) -> EnrollTotpPayload:
        try:
            enrollment = await _as_user(totp.start_enrollment(_authenticated(info)))
        except RegistrarError as error:
            return EnrollTotpPayload(secret=None, otpauth_uri=None, errors=user_errors(error))
        return EnrollTotpPayload(secret=enrollment.secret, otpauth_uri=enrollment.otpauth_uri, errors=[])

    @strawberry.mutation(description="Confirm TOTP enrollment with a current code (`write`).")
    async def confirm_totp(self, info: Info, input: Arg[ConfirmTotpInput]) -> ConfirmTotpPayload:
        try:
            codes = await _as_user(totp.confirm_enrollment(_authenticated(info), input.code))
        except RegistrarError as error:
            return ConfirmTotpPayload(recovery_codes=None, errors=user_errors(error))
        return ConfirmTotpPayload(recovery_codes=codes, errors=[])

    @strawberry.mutation(description="Turn TOTP off, proving possession of a code (`write`).")
    async def disable_totp(self, info: Info, input: Arg[DisableTotpInput]) -> DisableTotpPayload:
        ctx = _authenticated(info)
        try:
            await _as_user(totp.disable_totp(ctx, input.code, input.recovery_code))
        except RegistrarError as error:
            return DisableTotpPayload(totp=None, errors=user_errors(error))
        return DisableTotpPayload(totp=TotpStatus.of(await totp.totp_status(ctx)), errors=[])
