"""Agreement versions (`/agreement_versions…`) and acceptance records
(`/domains/:name/acceptance…`) under `/api/v1/tenants/:tenant_id`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.resolvers.agreements import acceptances
from registrar.resolvers.agreements import versions as agreement_versions
from registrar.rest_compat import render_agreements as render
from registrar.rest_compat.http import data_response, json_body, take, tenant_access
from registrar.rest_compat.paths import TENANT

VERSION_FIELDS = ("version", "title", "body", "url", "material_change", "effective_at")


async def create_version(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), VERSION_FIELDS)
    row = await agreement_versions.create_agreement_version(
        ctx, access, agreement_versions.AgreementVersionInput(**known, extra=extra)
    )
    return data_response(render.agreement_version(row), status=201)


async def list_versions(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    rows = await agreement_versions.list_agreement_versions(
        ctx,
        access,
        state=request.query_params.get("state") or None,
        version=request.query_params.get("version") or None,
    )
    return data_response([render.agreement_version(row) for row in rows])


async def get_version(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await agreement_versions.get_agreement_version(ctx, access, request.path_params["id"])
    return data_response(render.agreement_version(row))


async def publish_version(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await agreement_versions.publish_agreement_version(ctx, access, request.path_params["id"])
    return data_response(render.agreement_version(row))


async def retire_version(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await agreement_versions.retire_agreement_version(ctx, access, request.path_params["id"])
    return data_response(render.agreement_version(row))


async def update_version(request: Request) -> JSONResponse:
    _, access = await tenant_access(request)
    await agreement_versions.refuse_agreement_version_update(access)


async def get_acceptance(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    record = await acceptances.get_current_acceptance(ctx, access, request.path_params["name"])
    return data_response(render.acceptance(record))


async def create_acceptance(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    record = await acceptances.record_acceptance(
        ctx, access, request.path_params["name"], body.get("agreement_version_id")
    )
    return data_response(render.acceptance(record), status=201)


async def terminate_acceptance(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    record = await acceptances.terminate_acceptance(ctx, access, request.path_params["name"], body.get("reason"))
    return data_response(render.acceptance(record))


async def acceptance_history(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    records = await acceptances.acceptance_history(ctx, access, request.path_params["name"])
    return data_response([render.acceptance(record) for record in records])


routes = [
    Route(f"{TENANT}/agreement_versions", list_versions, methods=["GET"]),
    Route(f"{TENANT}/agreement_versions", create_version, methods=["POST"]),
    Route(f"{TENANT}/agreement_versions/{{id}}", get_version, methods=["GET"]),
    Route(f"{TENANT}/agreement_versions/{{id}}", update_version, methods=["PUT", "PATCH"]),
    Route(f"{TENANT}/agreement_versions/{{id}}/publish", publish_version, methods=["POST"]),
    Route(f"{TENANT}/agreement_versions/{{id}}/retire", retire_version, methods=["POST"]),
    Route(f"{TENANT}/domains/{{name}}/acceptance", get_acceptance, methods=["GET"]),
    Route(f"{TENANT}/domains/{{name}}/acceptance", create_acceptance, methods=["POST"]),
    Route(f"{TENANT}/domains/{{name}}/acceptance/terminate", terminate_acceptance, methods=["POST"]),
    Route(f"{TENANT}/domains/{{name}}/acceptance/history", acceptance_history, methods=["GET"]),
]
