"""Quotes (`/quotes`) and rate cards (`/rate_card`, `/tlds/:tld/rate_card`) under
`/api/v1/tenants/:tenant_id`.

Two route lists: the app serves the rate cards after the registry routes, and the published
document lists paths in the app's route order.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from registrar.openapi.components import component
from registrar.openapi.schema import INTEGER, STRING, Operation, data, data_list, enum, obj
from registrar.resolvers.pricing import quotes, rate_cards
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, take, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import pricing as render

TAG = "pricing"
QUOTE_FIELDS = ("fqdn", "operation", "period", "tier", "premium_class")


async def create_quote(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), QUOTE_FIELDS)
    quote = await quotes.create_quote(ctx, access, quotes.QuoteInput(**known, extra=extra))
    return data_response(render.quote(quote))


async def list_rate_cards(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.rate_card(card) for card in await rate_cards.list_rate_cards(ctx, access)])


async def get_rate_card(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response(render.rate_card(await rate_cards.get_rate_card(ctx, access, request.path_params["tld"])))


quote_routes = [
    Endpoint(
        create_quote,
        Operation(
            "POST",
            f"{TENANT}/quotes",
            "Quote a price for (fqdn, operation, period)",
            response=data(component("Quote")),
            body=obj(
                {"fqdn": STRING, "operation": enum("register", "renew", "restore", "transfer")},
                {"period": INTEGER, "tier": STRING, "premium_class": STRING},
            ),
            errors=(422,),
            tag=TAG,
        ),
    )
]

rate_card_routes = [
    Endpoint(
        list_rate_cards,
        Operation(
            "GET",
            f"{TENANT}/rate_card",
            "Every priced row, grouped by TLD",
            response=data_list(component("RateCard")),
            tag=TAG,
        ),
    ),
    Endpoint(
        get_rate_card,
        Operation(
            "GET",
            f"{TENANT}/tlds/{{tld}}/rate_card",
            "Priced rows of one TLD",
            response=data(component("RateCard")),
            errors=(422,),
            tag=TAG,
        ),
    ),
]
