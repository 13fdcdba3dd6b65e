"""The caller as a user: `/api/v1/user/…` (the bearer token's user: tenants, TOTP) and
`/api/v1/users/…` (unauthenticated: email verification, password reset)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import component
from registrar.openapi.schema import EMAIL, INTEGER, STRING, Operation, array, data, data_list, enum, nullable, obj
from registrar.resolvers.auth import totp, users
from registrar.resolvers.tenancy import tenants
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import (
    authenticated,
    data_response,
    json_body,
    no_content,
    request_context,
)
from registrar.rest_compat.render.formats import ts
from registrar.rest_compat.render.tenancy import tenant_membership
from registrar.rest_compat.render.users import verified_user

TAG = "account"  # the published tag of these operations (tests/snapshots/openapi.json)
TOTP = "/api/v1/user/totp"


async def list_my_tenants(request: Request) -> JSONResponse:
    ctx = await authenticated(request)
    items = await tenants.list_my_tenants(ctx)
    return data_response([tenant_membership(item) for item in items])


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
    Endpoint(
        list_my_tenants,
        Operation(
            "GET",
            "/api/v1/user/tenants",
            "Tenants the caller belongs to",
            response=data_list(component("TenantMembership")),
            tag=TAG,
        ),
    ),
    Endpoint(
        verify_email,
        Operation(
            "POST",
            "/api/v1/users/verify",
            "Complete email verification",
            response=data(obj({"user": obj({"id": STRING, "email": STRING})})),
            body=obj({"token": STRING}),
            auth="none",
            errors=(400, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        request_password_reset,
        Operation(
            "POST",
            "/api/v1/users/reset_password",
            "Request a password-reset email (always ok)",
            response=obj({"status": enum("ok")}),
            body=obj({"email": EMAIL}),
            auth="none",
            errors=(429,),
            tag=TAG,
        ),
    ),
    Endpoint(
        complete_password_reset,
        Operation(
            "POST",
            "/api/v1/users/reset_password/complete",
            "Set a new password with a reset token",
            response=data(obj({"user": obj({"id": STRING})})),
            body=obj({"token": STRING, "password": STRING}),
            auth="none",
            errors=(400, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        get_totp,
        Operation(
            "GET",
            TOTP,
            "The caller's TOTP enrollment status",
            response=data(
                obj(
                    {
                        "status": STRING,
                        "enrolled_at": nullable(STRING),
                        "recovery_codes_remaining": nullable(INTEGER),
                    }
                )
            ),
            tag=TAG,
        ),
    ),
    Endpoint(
        disable_totp,
        Operation(
            "DELETE",
            TOTP,
            "Disable TOTP with a current or recovery code",
            status=204,
            body=obj(optional={"code": STRING, "recovery_code": STRING}),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        start_totp_enrollment,
        Operation(
            "POST",
            f"{TOTP}/enrollments",
            "Start TOTP enrollment",
            status=201,
            response=data(obj({"secret": STRING, "otpauth_uri": STRING})),
            body_optional=True,
            tag=TAG,
        ),
    ),
    Endpoint(
        confirm_totp_enrollment,
        Operation(
            "POST",
            f"{TOTP}/enrollments/confirm",
            "Confirm TOTP enrollment",
            response=data(obj({"recovery_codes": array(STRING)})),
            body=obj({"code": STRING}),
            errors=(409, 422),
            tag=TAG,
        ),
    ),
]
