"""`/api/v1/tenants/:tenant_id/quotes`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.resolvers.pricing import quotes
from registrar.rest_compat import render
from registrar.rest_compat.http import data_response, json_body, take, tenant_access
from registrar.rest_compat.paths import TENANT

QUOTE_FIELDS = ("fqdn", "operation", "period", "tier", "premium_class")


async def create_quote(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), QUOTE_FIELDS)
    quote = await quotes.create_quote(ctx, access, quotes.QuoteInput(**known, extra=extra))
    return data_response(render.quote(quote))


routes = [Route(f"{TENANT}/quotes", create_quote, methods=["POST"])]
