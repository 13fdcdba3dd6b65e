"""`/healthz` (liveness) and `/health` (readiness)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from registrar.openapi.schema import Operation, enum, obj
from registrar.resolvers._shared.health import readiness
from registrar.rest_compat.endpoints import Endpoint

TAG = "health"
CHECK = obj({"status": enum("ok", "degraded", "fail"), "checks": {"type": "object"}})


async def healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def health(request: Request) -> JSONResponse:
    result = await readiness(request.app.state.services)
    return JSONResponse(
        {
            "status": result.status,
            "checks": {"database": result.database, "registries": result.registries},
        },
        status_code=503 if result.status == "fail" else 200,
    )


routes = [
    Endpoint(
        healthz,
        Operation("GET", "/healthz", "Liveness", response=obj({"status": enum("ok")}), auth="none", tag=TAG),
    ),
    Endpoint(
        health,
        Operation(
            "GET",
            "/health",
            "Readiness: database and registry circuit breakers",
            response=CHECK,
            auth="none",
            errors=(503,),
            tag=TAG,
        ),
    ),
]
