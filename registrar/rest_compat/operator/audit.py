"""`/operator/v1/audit_log`: every operator action, newest first."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from registrar.openapi.components import CURSOR_PAGINATION, component
from registrar.openapi.schema import Operation, Param, data_list
from registrar.resolvers.operator import audit
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import operator_request
from registrar.rest_compat.paths import OPERATOR
from registrar.rest_compat.render.operator import audit_entry

TAG = "operator"
FILTERS = ("tenant_id", "action", "target_type", "target_id", "actor_id")


async def list_audit_log(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    params = request.query_params
    page = await audit.list_audit_log(
        ctx,
        operator,
        audit.AuditFilter(**{name: params.get(name) or None for name in FILTERS}),
        limit=params.get("limit"),
        cursor=params.get("cursor") or None,
    )
    return JSONResponse(
        {
            "data": [audit_entry(row) for row in page.items],
            "pagination": {"next_cursor": page.next_cursor, "has_more": page.has_more},
        }
    )


routes = [
    Endpoint(
        list_audit_log,
        Operation(
            "GET",
            f"{OPERATOR}/audit_log",
            "List the operator audit log, newest first",
            response=data_list(component("AuditEntry"), CURSOR_PAGINATION),
            params=(
                *(Param(name, f"Exact {name.replace('_', ' ')}.") for name in FILTERS),
                Param("limit", "Page size (1-500, default 100)."),
                Param("cursor", "`next_cursor` of the previous page."),
            ),
            errors=(422,),
            tag=TAG,
        ),
    ),
]
