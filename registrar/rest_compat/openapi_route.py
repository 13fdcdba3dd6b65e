"""`GET /openapi.json`: the OpenAPI 3.1 document of the routes this app serves."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.openapi import build_document


async def openapi_document(request: Request) -> JSONResponse:
    document = getattr(request.app.state, "openapi_document", None)
    if document is None:
        document = build_document(request.app.routes)
        request.app.state.openapi_document = document
    return JSONResponse(document)


routes = [Route("/openapi.json", openapi_document, methods=["GET"])]
