"""The Starlette application: routes, error rendering and the process lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute

from registrar.context import Services
from registrar.errors import RegistrarError
from registrar.idempotency import IdempotencyMiddleware
from registrar.redaction import redact_url
from registrar.request_guard import RequestGuardMiddleware
from registrar.rest_compat.http import error_response
from registrar.rest_compat.routes import routes as rest_routes
from registrar.runtime import Runtime, install_log_redaction
from registrar.schema.endpoint import graphql_routes

log = logging.getLogger("registrar.app")


async def _registrar_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RegistrarError)
    response = error_response(exc)
    if exc.code == "rate_limited" and exc.detail:
        response.headers["Retry-After"] = str(exc.detail["retry_after"])
    return response


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
    return JSONResponse({"error": code}, status_code=exc.status_code)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, redact_url(request.url.path))
    return JSONResponse({"error": "internal_error"}, status_code=500)


def create_app(services: Services | None = None, runtime: Runtime | None = None) -> Starlette:
    """Build the app around given services (tests) or a runtime started in the lifespan."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        install_log_redaction()
        if services is not None:
            app.state.services = services
            yield
            return
        assert runtime is not None
        app.state.services = await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    all_routes: list[BaseRoute] = [*rest_routes, *graphql_routes()]
    app = Starlette(
        routes=all_routes,
        lifespan=lifespan,
        # The guard first: an oversized or malformed request is refused before a key is claimed.
        middleware=[Middleware(RequestGuardMiddleware), Middleware(IdempotencyMiddleware)],
        exception_handlers={
            RegistrarError: _registrar_error,
            HTTPException: _http_error,
            Exception: _unexpected,
        },
    )
    if services is not None:
        app.state.services = services
    return app
