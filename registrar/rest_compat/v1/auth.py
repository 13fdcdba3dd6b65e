"""A tenant's credentials over `/api/v1/tenants/:tenant_id`: OAuth clients, sign-in sessions
and API keys. Secrets are answered once, when minted."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import component
from registrar.openapi.schema import INTEGER, STRING, Operation, array, data, data_list, enum, obj
from registrar.resolvers.auth import api_keys, oauth_clients, sessions
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, take, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import auth as render

TAG = "tenants"  # the published tag of these operations (tests/snapshots/openapi.json)
CLIENT = f"{TENANT}/oauth_clients/{{id}}"
CLIENT_FIELDS = tuple(name for name in oauth_clients.OAuthClientInput.__dataclass_fields__ if name != "extra")
CLIENT_BODY = obj(
    {"name": STRING},
    {
        "client_type": enum("confidential", "public"),
        "allowed_flows": array(STRING),
        "allowed_scopes": array(STRING),
        "redirect_uris": array(STRING),
        "access_token_ttl_seconds": INTEGER,
        "refresh_token_ttl_seconds": INTEGER,
    },
)


async def list_clients(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.oauth_client(row) for row in await oauth_clients.list_oauth_clients(ctx, access)])


async def get_client(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response(
        render.oauth_client(await oauth_clients.get_oauth_client(ctx, access, request.path_params["id"]))
    )


async def create_client(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), CLIENT_FIELDS)
    created = await oauth_clients.create_oauth_client(ctx, access, oauth_clients.OAuthClientInput(**known, extra=extra))
    body = render.oauth_client(created.client)
    if created.client_secret is not None:
        body["client_secret"] = created.client_secret
    return data_response(body, status=201)


async def revoke_client(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await oauth_clients.revoke_oauth_client(ctx, access, request.path_params["id"])
    return no_content()


async def rotate_client_secret(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    rotated = await oauth_clients.rotate_client_secret(ctx, access, request.path_params["id"])
    return data_response({"client_id": rotated.client.client_id, "client_secret": rotated.client_secret})


async def list_sessions(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.user_session(row) for row in await sessions.list_sessions(ctx, access)])


async def revoke_session(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await sessions.revoke_session(ctx, access, request.path_params["id"])
    return no_content()


async def list_api_keys(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.api_key(row) for row in await api_keys.list_api_keys(ctx, access)])


async def create_api_key(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request)
    created = await api_keys.create_api_key(
        ctx, access, body.get("name"), body.get("scopes"), body.get("expires_in_days")
    )
    return data_response({**render.api_key(created.key), "api_key": created.secret}, status=201)


async def revoke_api_key(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await api_keys.revoke_api_key(ctx, access, request.path_params["id"])
    return no_content()


routes = [
    Endpoint(
        list_clients,
        Operation(
            "GET",
            f"{TENANT}/oauth_clients",
            "List OAuth clients",
            response=data_list(component("OAuthClient")),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_client,
        Operation(
            "POST",
            f"{TENANT}/oauth_clients",
            "Create an OAuth client (secret returned once)",
            status=201,
            response=data(component("OAuthClient")),
            body=CLIENT_BODY,
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        get_client,
        Operation(
            "GET",
            CLIENT,
            "Get an OAuth client",
            response=data(component("OAuthClient")),
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        revoke_client,
        Operation("DELETE", CLIENT, "Revoke an OAuth client", status=204, errors=(404,), tag=TAG),
    ),
    Endpoint(
        rotate_client_secret,
        Operation(
            "POST",
            f"{CLIENT}/rotate_secret",
            "Rotate a client secret",
            response=data(obj({"client_id": STRING, "client_secret": STRING})),
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        list_sessions,
        Operation(
            "GET",
            f"{TENANT}/sessions",
            "List sign-in sessions",
            response=data_list(component("UserSession")),
            tag=TAG,
        ),
    ),
    Endpoint(
        revoke_session,
        Operation("DELETE", f"{TENANT}/sessions/{{id}}", "Revoke a session", status=204, errors=(404,), tag=TAG),
    ),
    Endpoint(
        list_api_keys,
        Operation("GET", f"{TENANT}/api_keys", "List API keys", response=data_list(component("ApiKey")), tag=TAG),
    ),
    Endpoint(
        create_api_key,
        Operation(
            "POST",
            f"{TENANT}/api_keys",
            "Create an API key (returned once)",
            status=201,
            response=data(component("ApiKey")),
            body=obj(
                {"name": STRING},
                {"scopes": array(STRING), "expires_in_days": {"type": "integer", "minimum": 1}},
            ),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        revoke_api_key,
        Operation("DELETE", f"{TENANT}/api_keys/{{id}}", "Revoke an API key", status=204, errors=(404,), tag=TAG),
    ),
]
