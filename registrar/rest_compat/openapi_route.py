"""`GET /openapi.json`: the OpenAPI 3.1 document of the routes this app serves."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from registrar.openapi import build_document
from registrar.openapi.schema import Operation
from registrar.rest_compat.endpoints import Endpoint


async def openapi_document(request: Request) -> JSONResponse:
    document = getattr(request.app.state, "openapi_document", None)
    if document is None:
        document = build_document(request.app.routes)
        request.app.state.openapi_document = document
    return JSONResponse(document)


routes = [
    Endpoint(
        openapi_document,
        Operation(
            "GET",
            "/openapi.json",
            "This OpenAPI 3.1 document",
            response={"type": "object"},
            auth="none",
            tag="meta",
        ),
    )
]
