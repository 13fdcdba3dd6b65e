"""`/operator/v1/clients`: operator and directory OAuth clients (client_credentials only)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from registrar.openapi.components import component
from registrar.openapi.schema import STRING, Operation, data, data_list, enum, obj
from registrar.resolvers.operator import clients
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, operator_request
from registrar.rest_compat.paths import OPERATOR
from registrar.rest_compat.render.operator import platform_client

TAG = "operator"
CLIENT = data(component("PlatformClient"))


async def create_client(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    body = await json_body(request)
    created = await clients.create_platform_client(ctx, operator, body.get("kind"), body.get("name"))
    return data_response(platform_client(created.client, created.client_secret), status=201)


async def list_clients(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    return data_response([platform_client(row) for row in await clients.list_platform_clients(ctx, operator)])


async def revoke_client(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    row = await clients.revoke_platform_client(ctx, operator, request.path_params["client_id"])
    return data_response(platform_client(row))


routes = [
    Endpoint(
        list_clients,
        Operation(
            "GET",
            f"{OPERATOR}/clients",
            "List operator and directory clients",
            response=data_list(component("PlatformClient")),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_client,
        Operation(
            "POST",
            f"{OPERATOR}/clients",
            "Create an operator or directory client (the secret is shown once)",
            status=201,
            response=CLIENT,
            body=obj({"kind": enum(*clients.CLIENT_KINDS), "name": STRING}),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        revoke_client,
        Operation(
            "POST",
            f"{OPERATOR}/clients/{{client_id}}/revoke",
            "Revoke a platform client and every token it holds",
            response=CLIENT,
            errors=(404,),
            tag=TAG,
        ),
    ),
]
