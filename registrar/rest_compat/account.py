"""User account endpoints: `/api/v1/users/…` (unauthenticated: email verification, password
reset) and `/api/v1/user/totp…` (the bearer token's user)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.models import User
from registrar.resolvers.auth import totp, users
from registrar.rest_compat.formats import ts
from registrar.rest_compat.http import (
    authenticated,
    data_response,
    json_body,
    no_content,
    request_context,
)


def verified_user(user: User) -> dict[str, Any]:
    return {"email": user.email, "email_verified_at": ts(user.email_verified_at), "id": user.id}


async def verify_email(request: Request) -> JSONResponse:
    body = await json_body(request)
    user = await users.verify_email(request_context(request), body.get("token"))
    return data_response({"user": verified_user(user)})


async def request_password_reset(request: Request) -> JSONResponse:
    body = await json_body(request)
    await users.request_password_reset(request_context(request), body.get("email"))
    return JSONResponse({"status": "ok"})


async def complete_password_reset(request: Request) -> JSONResponse:
    body = await json_body(request)
    user = await users.complete_password_reset(request_context(request), body.get("token"), body.get("password"))
    return data_response({"user": {"id": user.id}})


async def get_totp(request: Request) -> JSONResponse:
    status = await totp.totp_status(await authenticated(request))
    return data_response(
        {
            "status": status.status,
            "enrolled_at": ts(status.enrolled_at),
            "recovery_codes_remaining": status.recovery_codes_remaining,
        }
    )


async def start_totp_enrollment(request: Request) -> JSONResponse:
    enrollment = await totp.start_enrollment(await authenticated(request))
    return data_response({"secret": enrollment.secret, "otpauth_uri": enrollment.otpauth_uri}, status=201)


async def confirm_totp_enrollment(request: Request) -> JSONResponse:
    ctx = await authenticated(request)
    body = await json_body(request)
    codes = await totp.confirm_enrollment(ctx, body.get("code"))
    return data_response({"recovery_codes": codes})


async def disable_totp(request: Request) -> Response:
    ctx = await authenticated(request)
    body = await json_body(request)
    await totp.disable_totp(ctx, code=body.get("code"), recovery_code=body.get("recovery_code"))
    return no_content()


routes = [
    Route("/api/v1/users/verify", verify_email, methods=["POST"]),
    Route("/api/v1/users/reset_password", request_password_reset, methods=["POST"]),
    Route("/api/v1/users/reset_password/complete", complete_password_reset, methods=["POST"]),
    Route("/api/v1/user/totp", get_totp, methods=["GET"]),
    Route("/api/v1/user/totp", disable_totp, methods=["DELETE"]),
    Route("/api/v1/user/totp/enrollments", start_totp_enrollment, methods=["POST"]),
    Route("/api/v1/user/totp/enrollments/confirm", confirm_totp_enrollment, methods=["POST"]),
]
