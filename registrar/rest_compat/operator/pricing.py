"""`/operator/v1/tenants/{tenant}/rate_card…`: a tenant's rate card — list (optionally of one
TLD), set one row (PUT, an upsert on the row's key), delete one row, and import a CSV whole
(`text/csv`, or JSON `{"csv": "…"}`). `{tenant}` is a tenant's id or slug."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.errors import validation_error
from registrar.openapi.components import component
from registrar.openapi.schema import INTEGER, MONEY, STRING, Operation, Param, array, data, data_list, enum, obj
from registrar.resolvers.operator import rate_cards, rate_import
from registrar.resolvers.pricing.quotes import OPERATIONS, TIERS
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, operator_request, take
from registrar.rest_compat.paths import OPERATOR
from registrar.rest_compat.render.pricing import rate_card_entry
from registrar.rest_compat.render.rate_imports import rate_import_result

TAG = "operator"
RATE_CARD = f"{OPERATOR}/tenants/{{tenant}}/rate_card"
RATE_FIELDS = ("tld", "operation", "period", "tier", "premium_class", "amount", "currency")
RATE_BODY = obj(
    {"tld": STRING, "operation": enum(*OPERATIONS), "amount": {"oneOf": [MONEY, STRING, {"type": "number"}]}},
    {
        "period": INTEGER,  # omitted (or null) for restore
        "tier": enum(*TIERS),
        "premium_class": STRING,  # the premium tier only
        "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
    },
)
IMPORT_RESULT = obj({"created": INTEGER, "updated": INTEGER, "unchanged": INTEGER, "tlds": array(STRING)})


async def csv_text(request: Request) -> object:
    """The CSV of an import: the body itself as `text/csv`, else the JSON body's `csv`."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "text/csv":
        return (await json_body(request)).get("csv")
    try:
        return (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise validation_error({"csv": ["is not UTF-8"]}) from None


async def list_rates(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    tld = request.query_params.get("tld")
    rows = await rate_cards.list_rates(ctx, operator, request.path_params["tenant"], tld=tld)
    return data_response([rate_card_entry(row) for row in rows])


async def set_rate(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    known, extra = take(await json_body(request), RATE_FIELDS)
    data = rate_cards.RateInput(**known, extra=extra)
    result = await rate_cards.upsert_rate(ctx, operator, request.path_params["tenant"], data)
    return data_response(rate_card_entry(result.entry))


async def delete_rate(request: Request) -> Response:
    ctx, operator = await operator_request(request)
    await rate_cards.delete_rate(ctx, operator, request.path_params["tenant"], request.path_params["entry_id"])
    return no_content()


async def import_rates(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    result = await rate_import.import_rates(ctx, operator, request.path_params["tenant"], await csv_text(request))
    return data_response(rate_import_result(result))


routes = [
    Endpoint(
        list_rates,
        Operation(
            "GET",
            RATE_CARD,
            "List a tenant's rate-card rows",
            response=data_list(component("RateCardEntry")),
            params=(Param("tld", "Only the rows of this TLD."),),
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        set_rate,
        Operation(
            "PUT",
            RATE_CARD,
            "Set the price of one rate-card key (created, or its amount and currency replaced)",
            response=data(component("RateCardEntry")),
            body=RATE_BODY,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        delete_rate,
        Operation(
            "DELETE", f"{RATE_CARD}/{{entry_id}}", "Delete one rate-card row", status=204, errors=(404,), tag=TAG
        ),
    ),
    Endpoint(
        import_rates,
        Operation(
            "POST",
            f"{RATE_CARD}/import",
            'Import rate-card rows from CSV, all or nothing (body `text/csv`, or JSON `{"csv": …}`; header '
            "`tld,operation,period,tier,premium_class,amount,currency`)",
            response=data(IMPORT_RESULT),
            body=obj({"csv": STRING}),
            errors=(404, 422),
            tag=TAG,
        ),
    ),
]
