"""`/api/v1/tenants/:tenant_id/hosts…`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import component
from registrar.openapi.schema import STRING, Operation, array, data, data_list, obj
from registrar.resolvers._shared.pagination import parse_limit
from registrar.resolvers.hosts import records as host_records
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, take, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render.formats import availability
from registrar.rest_compat.render.hosts import host

TAG = "hosts"
HOST = f"{TENANT}/hosts/{{name}}"
HOST_DATA = data(component("Host"))
REGISTRY_ERRORS = (502, 503, 504)


async def check_host(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    name, available = await host_records.check_host(ctx, access, body.get("name"))
    return data_response(availability("name", name, available))


async def list_hosts(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    page = await host_records.list_hosts(
        ctx,
        access,
        limit=parse_limit(request.query_params.get("limit")),
        cursor=request.query_params.get("cursor") or None,
    )
    return data_response(
        [host(row) for row in page.items],
        pagination={"next_cursor": page.next_cursor, "has_more": page.has_more},
    )


async def get_host(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response(host(await host_records.get_host(ctx, access, request.path_params["name"])))


async def create_host(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request, optional=True), ("name", "addresses"))
    row = await host_records.create_host(ctx, access, known.get("name"), known.get("addresses"), unknown=extra)
    return data_response(host(row), status=201)


async def update_host(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request, optional=True), ("add", "rem"))
    row = await host_records.update_host_addresses(
        ctx, access, request.path_params["name"], known.get("add"), known.get("rem"), unknown=extra
    )
    return data_response(host(row))


async def rename_host(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    row = await host_records.rename_host(ctx, access, request.path_params["name"], body.get("new_name"))
    return data_response(host(row))


async def delete_host(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await host_records.delete_host(ctx, access, request.path_params["name"])
    return no_content()


async def reconcile_host(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response(host(await host_records.reconcile_host(ctx, access, request.path_params["name"])))


routes = [
    Endpoint(
        list_hosts, Operation("GET", f"{TENANT}/hosts", "List hosts", response=data_list(component("Host")), tag=TAG)
    ),
    Endpoint(
        create_host,
        Operation(
            "POST",
            f"{TENANT}/hosts",
            "Create a host",
            status=201,
            response=HOST_DATA,
            body=obj({"name": STRING}, {"addresses": array(STRING)}),
            errors=(422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        check_host,
        Operation(
            "POST",
            f"{TENANT}/hosts/check",
            "Check a host name's availability",
            response=data(obj({"status": STRING}, {"handle": STRING, "name": STRING, "reason": STRING})),
            body=obj({"name": STRING}),
            errors=(422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(get_host, Operation("GET", HOST, "Get a host", response=HOST_DATA, errors=(404,), tag=TAG)),
    Endpoint(
        update_host,
        Operation(
            "PATCH",
            HOST,
            "Replace a host's addresses",
            response=HOST_DATA,
            body=obj({"addresses": array(STRING)}),
            errors=(404, 422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        delete_host,
        Operation("DELETE", HOST, "Delete a host", status=204, errors=(404, 422, *REGISTRY_ERRORS), tag=TAG),
    ),
    Endpoint(
        rename_host,
        Operation(
            "POST",
            f"{HOST}/rename",
            "Rename a host",
            response=HOST_DATA,
            body=obj({"new_name": STRING}),
            errors=(404, 422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        reconcile_host,
        Operation(
            "POST",
            f"{HOST}/reconcile",
            "Reconcile a subordinate host with the registry",
            response=HOST_DATA,
            errors=(404, 422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
]
