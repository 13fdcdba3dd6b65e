"""Agreement versions (`/agreement_versions…`) and acceptance records
(`/domains/:name/acceptance…`) under `/api/v1/tenants/:tenant_id`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from registrar.openapi.components import component
from registrar.openapi.schema import STRING, Operation, Param, data, data_list, obj
from registrar.resolvers.agreements import acceptances
from registrar.resolvers.agreements import versions as agreement_versions
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, take, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import agreements as render

TAG = "agreements"
ACCEPTANCE_TAG = "domains"  # acceptance records are documented with the domain they belong to
VERSION = f"{TENANT}/agreement_versions/{{id}}"
VERSION_DATA = data(component("AgreementVersion"))
ACCEPTANCE = f"{TENANT}/domains/{{name}}/acceptance"
ACCEPTANCE_DATA = data(component("Acceptance"))
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
    Endpoint(
        list_versions,
        Operation(
            "GET",
            f"{TENANT}/agreement_versions",
            "List agreement versions",
            response=data_list(component("AgreementVersion")),
            params=(Param("state", "State."),),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_version,
        Operation(
            "POST",
            f"{TENANT}/agreement_versions",
            "Create a draft agreement version",
            status=201,
            response=VERSION_DATA,
            body=obj(
                {"version": STRING, "title": STRING, "body": STRING},
                {"url": STRING, "material_change": {"type": "boolean"}, "effective_at": STRING},
            ),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        get_version,
        Operation("GET", VERSION, "Get an agreement version", response=VERSION_DATA, errors=(404,), tag=TAG),
    ),
    Endpoint(
        update_version,
        *(
            Operation(
                method,
                VERSION,
                "Not allowed: versions are immutable (405)",
                status=405,
                response=component("Error"),
                body_optional=True,
                tag=TAG,
            )
            for method in ("PUT", "PATCH")
        ),
    ),
    Endpoint(
        publish_version,
        Operation(
            "POST",
            f"{VERSION}/publish",
            "Publish a draft version",
            response=VERSION_DATA,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        retire_version,
        Operation(
            "POST",
            f"{VERSION}/retire",
            "Retire a published version",
            response=VERSION_DATA,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        get_acceptance,
        Operation(
            "GET",
            ACCEPTANCE,
            "Current acceptance record",
            response=ACCEPTANCE_DATA,
            errors=(404,),
            tag=ACCEPTANCE_TAG,
        ),
    ),
    Endpoint(
        create_acceptance,
        Operation(
            "POST",
            ACCEPTANCE,
            "Record the registrant's acceptance",
            status=201,
            response=ACCEPTANCE_DATA,
            body=obj(optional={"agreement_version_id": STRING}),
            body_optional=True,
            errors=(404, 422),
            tag=ACCEPTANCE_TAG,
        ),
    ),
    Endpoint(
        terminate_acceptance,
        Operation(
            "POST",
            f"{ACCEPTANCE}/terminate",
            "Terminate the current acceptance",
            response=ACCEPTANCE_DATA,
            errors=(404, 422),
            tag=ACCEPTANCE_TAG,
        ),
    ),
    Endpoint(
        acceptance_history,
        Operation(
            "GET",
            f"{ACCEPTANCE}/history",
            "Every acceptance record of the domain",
            response=data_list(component("Acceptance")),
            errors=(404,),
            tag=ACCEPTANCE_TAG,
        ),
    ),
]
