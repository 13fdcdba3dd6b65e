"""`/api/v1/tenants/:tenant_id/hosts…`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.resolvers._shared.pagination import parse_limit
from registrar.resolvers.hosts import records as host_records
from registrar.rest_compat.http import data_response, json_body, no_content, take, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render_hosts import availability, host


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
    Route(f"{TENANT}/hosts", list_hosts, methods=["GET"]),
    Route(f"{TENANT}/hosts", create_host, methods=["POST"]),
    Route(f"{TENANT}/hosts/check", check_host, methods=["POST"]),
    Route(f"{TENANT}/hosts/{{name}}", get_host, methods=["GET"]),
    Route(f"{TENANT}/hosts/{{name}}", update_host, methods=["PATCH"]),
    Route(f"{TENANT}/hosts/{{name}}", delete_host, methods=["DELETE"]),
    Route(f"{TENANT}/hosts/{{name}}/rename", rename_host, methods=["POST"]),
    Route(f"{TENANT}/hosts/{{name}}/reconcile", reconcile_host, methods=["POST"]),
]
