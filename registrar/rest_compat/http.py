"""Request parsing and response helpers shared by every REST handler."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.context import RequestContext, RequestMeta
from registrar.errors import RegistrarError
from registrar.idempotency.middleware import REQUEST_KEY_STATE
from registrar.request_guard import MAX_BODY_BYTES
from registrar.resolvers._shared.input_text import MalformedJson, check_json_text, load_json
from registrar.resolvers.auth.authentication import authenticate_bearer
from registrar.resolvers.auth.guard import TenantAccess, authorize_tenant
from registrar.resolvers.operator.guard import OperatorAccess, authorize_operator


def request_context(request: Request) -> RequestContext:
    return RequestContext(
        services=request.app.state.services,
        meta=RequestMeta(
            ip=request.client.host if request.client else None,
            user_agent=request.headers.get("user-agent"),
        ),
        request_key=getattr(request.state, REQUEST_KEY_STATE, None),
    )


async def authenticated(request: Request) -> RequestContext:
    ctx = request_context(request)
    await authenticate_bearer(ctx, request.headers.get("authorization"))
    return ctx


async def tenant_access(request: Request) -> tuple[RequestContext, TenantAccess]:
    """Bearer authentication, then the tenant-isolation checks for the path's tenant."""
    ctx = await authenticated(request)
    return ctx, await authorize_tenant(ctx, request.path_params["tenant_id"])


async def operator_request(request: Request) -> tuple[RequestContext, OperatorAccess]:
    """Bearer authentication, then proof the caller is an operator client."""
    ctx = await authenticated(request)
    return ctx, authorize_operator(ctx)


async def json_body(request: Request, *, optional: bool = False) -> dict[str, Any]:
    """The body as a JSON object; never a 500. 400 `bad_request` for a body that is not JSON
    (or nested too deep, or with numbers no column holds, see `load_json`) or not an object;
    422 `unprocessable_entity` naming each member that holds NUL, a control character or a
    lone surrogate (`check_json_text`)."""
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:  # the request guard refuses it first; kept for direct mounts
        raise RegistrarError("payload_too_large")
    if not body.strip():
        if optional:
            return {}
        raise RegistrarError("bad_request", detail={"reason": "request body is required"})
    try:
        data = load_json(body)
    except MalformedJson as exc:
        raise RegistrarError("bad_request", detail={"reason": f"body {exc}"}) from exc
    if not isinstance(data, dict):
        raise RegistrarError("bad_request", detail={"reason": "body must be a JSON object"})
    check_json_text(data)
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
    """The error envelope; a refusal that says when to come back (`detail.retry_after`, as
    `rate_limited` and `operation_pending` do) also carries it as `Retry-After`."""
    retry_after = (error.detail or {}).get("retry_after")
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(error.as_envelope(), status_code=error.status, headers=headers)


def no_content() -> Response:
    return Response(status_code=204)
