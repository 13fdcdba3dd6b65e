"""`/operator/v1/tenants/{tenant}/tld_associations…`: a tenant's TLD associations — list, show,
create, configure, rebind, delete. `{tenant}` is a tenant's id or slug; `{id_or_tld}` an
association's id or its TLD label. The shape is the tenant read's (`TldAssociation`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import TLD_CONFIG, component
from registrar.openapi.schema import STRING, Operation, Schema, data, data_list, enum, obj
from registrar.resolvers.operator import tld_associations
from registrar.resolvers.registry.tld_associations import ACCREDITATION_TYPES
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, operator_request, take
from registrar.rest_compat.paths import OPERATOR
from registrar.rest_compat.render.registry import tld_association

TAG = "operator"
ASSOCIATIONS = f"{OPERATOR}/tenants/{{tenant}}/tld_associations"
ASSOCIATION = f"{ASSOCIATIONS}/{{id_or_tld}}"
ASSOCIATION_DATA = data(component("TldAssociation"))
CREATE_FIELDS = ("tld", "accreditation_type", "registry_account_id", "config")


def _resettable(schema: Schema) -> Schema:
    """The key's schema, or null (back to the default)."""
    return {"oneOf": [schema, {"type": "null"}]}


CONFIG_PATCH = obj(optional={name: _resettable(schema) for name, schema in TLD_CONFIG["properties"].items()})


def _path(request: Request) -> tuple[str, str]:
    return request.path_params["tenant"], request.path_params["id_or_tld"]


async def list_associations(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    rows = await tld_associations.list_tld_associations(ctx, operator, request.path_params["tenant"])
    return data_response([tld_association(row) for row in rows])


async def show_association(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    return data_response(tld_association(await tld_associations.get_tld_association(ctx, operator, *_path(request))))


async def create_association(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    known, extra = take(await json_body(request), CREATE_FIELDS)
    data = tld_associations.TldAssociationInput(**known, extra=extra)
    row = await tld_associations.create_tld_association(ctx, operator, request.path_params["tenant"], data)
    return data_response(tld_association(row), status=201)


async def update_config(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    patch = await json_body(request)
    return data_response(
        tld_association(await tld_associations.update_tld_config(ctx, operator, *_path(request), patch))
    )


async def rebind_association(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    account_id = (await json_body(request)).get("registry_account_id")
    row = await tld_associations.rebind_tld_association(ctx, operator, *_path(request), account_id)
    return data_response(tld_association(row))


async def delete_association(request: Request) -> Response:
    ctx, operator = await operator_request(request)
    await tld_associations.delete_tld_association(ctx, operator, *_path(request))
    return no_content()


routes = [
    Endpoint(
        list_associations,
        Operation(
            "GET",
            ASSOCIATIONS,
            "List a tenant's TLD associations",
            response=data_list(component("TldAssociation")),
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_association,
        Operation(
            "POST",
            ASSOCIATIONS,
            "Associate a TLD with a tenant through one of its registry accounts",
            status=201,
            response=ASSOCIATION_DATA,
            body=obj(
                {"tld": STRING, "accreditation_type": enum(*ACCREDITATION_TYPES), "registry_account_id": STRING},
                {"config": TLD_CONFIG},
            ),
            errors=(404, 409, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        show_association,
        Operation(
            "GET",
            ASSOCIATION,
            "Get a tenant's TLD association by id or TLD",
            response=ASSOCIATION_DATA,
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        delete_association,
        Operation(
            "DELETE",
            ASSOCIATION,
            "Delete a TLD association (refused while the tenant has live domains under the TLD)",
            status=204,
            errors=(404, 409),
            tag=TAG,
        ),
    ),
    Endpoint(
        update_config,
        Operation(
            "PATCH",
            f"{ASSOCIATION}/config",
            "Set policy keys of a TLD association (null puts a key back to its default)",
            response=ASSOCIATION_DATA,
            body=CONFIG_PATCH,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        rebind_association,
        Operation(
            "POST",
            f"{ASSOCIATION}/rebind",
            "Bind a TLD association to another registry account of the tenant",
            response=ASSOCIATION_DATA,
            body=obj({"registry_account_id": STRING}),
            errors=(404, 409, 422),
            tag=TAG,
        ),
    ),
]
