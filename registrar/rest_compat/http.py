"""Request parsing and response helpers shared by every REST handler."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.context import RequestContext, RequestMeta
from registrar.errors import RegistrarError
from registrar.resolvers.auth.authentication import authenticate_bearer
from registrar.resolvers.auth.guard import TenantAccess, authorize_tenant

MAX_BODY_BYTES = 1_048_576


def request_context(request: Request) -> RequestContext:
    return RequestContext(
        services=request.app.state.services,
        meta=RequestMeta(
            ip=request.client.host if request.client else None,
            user_agent=request.headers.get("user-agent"),
        ),
    )


async def authenticated(request: Request) -> RequestContext:
    ctx = request_context(request)
    await authenticate_bearer(ctx, request.headers.get("authorization"))
    return ctx


async def tenant_access(request: Request) -> tuple[RequestContext, TenantAccess]:
    """Bearer authentication, then the tenant-isolation checks for the path's tenant."""
    ctx = await authenticated(request)
    return ctx, await authorize_tenant(ctx, request.path_params["tenant_id"])


async def json_body(request: Request, *, optional: bool = False) -> dict[str, Any]:
    """The body as a JSON object; 400 `bad_request` for anything else, never a 500."""
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise RegistrarError("payload_too_large")
    if not body.strip():
        if optional:
            return {}
        raise RegistrarError("bad_request", detail={"reason": "request body is required"})
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RegistrarError("bad_request", detail={"reason": "body is not valid JSON"}) from exc
    if not isinstance(data, dict):
        raise RegistrarError("bad_request", detail={"reason": "body must be a JSON object"})
    return data


async def form_or_json(request: Request) -> dict[str, Any]:
    """OAuth endpoints take `application/x-www-form-urlencoded` (RFC 6749) or JSON."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        return await json_body(request, optional=True)
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise RegistrarError("payload_too_large")
    try:
        form = await request.form()
    except Exception as exc:  # python-multipart rejects malformed bodies in many ways
        raise RegistrarError("invalid_request", detail={"reason": "malformed form body"}) from exc
    return {key: value for key, value in form.items() if isinstance(value, str)}


def take(data: dict[str, Any], names: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a body into the known fields and the unknown rest (reported as field errors)."""
    known = {name: data[name] for name in names if name in data}
    extra = {name: value for name, value in data.items() if name not in names}
    return known, extra


def data_response(data: Any, status: int = 200, **extra: Any) -> JSONResponse:
    return JSONResponse({"data": data, **extra}, status_code=status)


def error_response(error: RegistrarError) -> JSONResponse:
    return JSONResponse(error.as_envelope(), status_code=error.status)


def no_content() -> Response:
    return Response(status_code=204)
