"""`/healthz` (liveness) and `/health` (readiness)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.resolvers._shared.health import readiness


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
    Route("/healthz", healthz, methods=["GET"]),
    Route("/health", health, methods=["GET"]),
]
