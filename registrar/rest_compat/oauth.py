"""`/oauth/*` and `/.well-known/oauth-authorization-server` (RFC 6749, 7009, 7591, 7662, 8414)."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.errors import RegistrarError
from registrar.openapi.schema import BOOLEAN, INTEGER, STRING, Operation, array, enum, nullable, obj
from registrar.resolvers.auth import client_registration, grants, oauth
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import (
    authenticated,
    data_response,
    form_or_json,
    json_body,
    request_context,
)

TAG = "oauth"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
TOKEN_BODY = obj(
    {"grant_type": enum("authorization_code", "client_credentials", "refresh_token")},
    {
        "code": STRING,
        "code_verifier": STRING,
        "redirect_uri": STRING,
        "client_id": STRING,
        "client_secret": STRING,
        "refresh_token": STRING,
        "scope": STRING,
    },
)
TOKEN_RESPONSE = obj(
    {"access_token": STRING, "token_type": enum("Bearer")},
    {"expires_in": INTEGER, "scope": STRING, "refresh_token": STRING},
)
INTROSPECTION = obj(
    {"active": BOOLEAN},
    {
        "client_id": nullable(STRING),
        "exp": INTEGER,
        "iat": INTEGER,
        "scope": STRING,
        "sub": nullable(STRING),
        "tenant_id": nullable(STRING),
        "token_type": STRING,
    },
)
REGISTRATION = obj(
    {"client_id": STRING, "client_name": STRING, "redirect_uris": array(STRING)},
    {
        "client_type": STRING,
        "grant_types": array(STRING),
        "response_types": array(STRING),
        "scope": STRING,
        "token_endpoint_auth_method": STRING,
    },
)


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
    pair = await grants.exchange_token(ctx, form.get("grant_type"), form, _client_credentials(request, form))
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
    claims = await oauth.introspect_token(
        request_context(request), form.get("token"), _client_credentials(request, form)
    )
    return JSONResponse(claims, headers=NO_STORE)


async def authorize_json(request: Request) -> JSONResponse:
    """The documented API form: a signed-in user (bearer token) gets the code as JSON."""
    ctx = await authenticated(request)
    fields = {name: request.query_params.get(name) for name in oauth.AuthorizationRequest.__dataclass_fields__}
    issued = await oauth.authorize_for_bearer(ctx, oauth.AuthorizationRequest(**fields))
    return data_response({"code": issued.code, "state": issued.state})


async def register(request: Request) -> JSONResponse:
    ctx = request_context(request)
    body = await json_body(request)
    client = await client_registration.register_client(ctx, body)
    return JSONResponse(client_registration.registration_response(client), status_code=201)


async def metadata(request: Request) -> JSONResponse:
    return JSONResponse(client_registration.server_metadata(request.app.state.services.settings))


routes = [
    Endpoint(
        token,
        Operation(
            "POST",
            "/oauth/token",
            "Exchange a grant for tokens",
            response=TOKEN_RESPONSE,
            body=TOKEN_BODY,
            form=True,
            auth="client",
            errors=(400, 401, 429),
            tag=TAG,
        ),
    ),
    Endpoint(
        revoke,
        Operation(
            "POST",
            "/oauth/revoke",
            "Revoke a token (RFC 7009; always 200)",
            body=obj({"token": STRING}),
            form=True,
            auth="none",
            tag=TAG,
        ),
    ),
    Endpoint(
        introspect,
        Operation(
            "POST",
            "/oauth/introspect",
            "Introspect a token (RFC 7662)",
            response=INTROSPECTION,
            body=obj({"token": STRING}, {"client_id": STRING, "client_secret": STRING}),
            form=True,
            auth="client",
            errors=(401,),
            tag=TAG,
        ),
    ),
    Endpoint(
        register,
        Operation(
            "POST",
            "/oauth/register",
            "Dynamic client registration (RFC 7591)",
            status=201,
            response=REGISTRATION,
            body=obj({"redirect_uris": array(STRING)}, {"client_name": STRING, "scope": STRING}),
            auth="none",
            errors=(400, 404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        metadata,
        Operation(
            "GET",
            "/.well-known/oauth-authorization-server",
            "Authorization server metadata (RFC 8414)",
            response=obj({"issuer": STRING, "token_endpoint": STRING}),
            auth="none",
            tag=TAG,
        ),
    ),
]
