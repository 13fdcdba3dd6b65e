"""`/api/v1/user/…`: endpoints scoped to the token's user rather than a tenant."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.resolvers.tenancy import tenants
from registrar.rest_compat import render
from registrar.rest_compat.http import authenticated, data_response


async def list_my_tenants(request: Request) -> JSONResponse:
    ctx = await authenticated(request)
    items = await tenants.list_my_tenants(ctx)
    return data_response([render.tenant_membership(item) for item in items])


routes = [Route("/api/v1/user/tenants", list_my_tenants, methods=["GET"])]
