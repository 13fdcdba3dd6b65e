"""`/oauth/*` and `/.well-known/oauth-authorization-server` (RFC 6749, 7009, 7591, 7662, 8414)."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.errors import RegistrarError
from registrar.resolvers.auth import client_registration, oauth
from registrar.rest_compat.http import (
    authenticated,
    data_response,
    form_or_json,
    json_body,
    request_context,
)

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _client_credentials(request: Request, form: dict[str, str]) -> oauth.ClientCredentials:
    """client_secret_basic (Authorization: Basic) or client_secret_post (form fields)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise RegistrarError("invalid_client") from exc
        client_id, _, secret = decoded.partition(":")
        return oauth.ClientCredentials(unquote(client_id), unquote(secret))
    return oauth.ClientCredentials(form.get("client_id"), form.get("client_secret"))


async def token(request: Request) -> JSONResponse:
    ctx = request_context(request)
    form = await form_or_json(request)
    pair = await oauth.exchange_token(ctx, form.get("grant_type"), form, _client_credentials(request, form))
    body = {
        "access_token": pair.access.token,
        "token_type": "Bearer",
        "expires_in": pair.expires_in,
        "scope": pair.scope,
    }
    if pair.refresh is not None:
        body["refresh_token"] = pair.refresh.token
    return JSONResponse(body, headers=NO_STORE)


async def revoke(request: Request) -> Response:
    form = await form_or_json(request)
    await oauth.revoke_token(request_context(request), form.get("token"))
    return Response(status_code=200)


async def introspect(request: Request) -> JSONResponse:
    form = await form_or_json(request)
    return JSONResponse(await oauth.introspect_token(request_context(request), form.get("token")), headers=NO_STORE)


async def authorize_json(request: Request) -> JSONResponse:
    """The documented API form: a signed-in user (bearer token) gets the code as JSON."""
    ctx = await authenticated(request)
    grant = await oauth.validate_authorization(ctx, oauth.AuthorizationRequest(**dict(request.query_params)))
    if ctx.principal is None or ctx.principal.user_id is None:
        raise RegistrarError("forbidden", detail={"reason": "token has no user"})
    issued = await oauth.issue_authorization_code(ctx, grant, ctx.principal.user_id)
    return data_response({"code": issued.code, "state": issued.state})


async def register(request: Request) -> JSONResponse:
    ctx = request_context(request)
    body = await json_body(request)
    client = await client_registration.register_client(ctx, body)
    return JSONResponse(client_registration.registration_response(client), status_code=201)


async def metadata(request: Request) -> JSONResponse:
    return JSONResponse(client_registration.server_metadata(request.app.state.services.settings))


routes = [
    Route("/oauth/token", token, methods=["POST"]),
    Route("/oauth/revoke", revoke, methods=["POST"]),
    Route("/oauth/introspect", introspect, methods=["POST"]),
    Route("/oauth/register", register, methods=["POST"]),
    Route("/.well-known/oauth-authorization-server", metadata, methods=["GET"]),
]
