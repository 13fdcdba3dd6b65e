"""`/api/v1/tenants/:tenant_id/domains…`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.resolvers.domains import availability, registration
from registrar.resolvers.domains import listing as domain_listing
from registrar.resolvers.domains import views as domain_views
from registrar.rest_compat import render
from registrar.rest_compat.http import data_response, json_body, take, tenant_access
from registrar.rest_compat.paths import TENANT

REGISTER_FIELDS = (
    "name",
    "years",
    "registrant_handle",
    "admin_handle",
    "tech_handle",
    "billing_handle",
    "nameservers",
    "quote_id",
    "payment_assured",
    "registry_account_id",
    "idn_language",
)
CHECK_FIELDS = (
    "name",
    "names",
    "idn_language",
    "fee_commands",
    "fee_period",
    "client_transaction_id",
)


async def check_domains(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), CHECK_FIELDS)
    result = await availability.check_domains(ctx, access, availability.CheckInput(**known, extra=extra))
    trid = result.client_transaction_id
    if result.single:
        return data_response(render.availability(result.results[0], trid))
    return data_response({"results": [render.availability(item, trid) for item in result.results]})


async def register_domain(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), REGISTER_FIELDS)
    domain = await registration.register_domain(ctx, access, registration.RegisterDomainInput(**known, extra=extra))
    view = await domain_views.domain_view(ctx, domain)
    return data_response(render.domain(view), status=201)


async def get_domain(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    domain = await registration.get_domain(ctx, access, request.path_params["name"])
    return data_response(render.domain(await domain_views.domain_view(ctx, domain)))


async def list_domains(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    fields = domain_listing.DomainQuery.__dataclass_fields__
    known = {key: value for key, value in request.query_params.items() if key in fields and key != "extra"}
    extra = {key: value for key, value in request.query_params.items() if key not in fields or key == "extra"}
    page = await domain_listing.list_domains(ctx, access, domain_listing.DomainQuery(**known, extra=extra))
    views = await domain_views.domain_views(ctx, page.items)
    data = [render.domain(view) for view in views]
    if isinstance(page, domain_listing.OffsetPage):
        pagination = {
            "offset": page.offset,
            "limit": page.limit,
            "total": page.total,
            "has_more": page.has_more,
        }
    else:
        pagination = {"next_cursor": page.next_cursor, "has_more": page.has_more}
    return data_response(data, pagination=pagination)


routes = [
    Route(f"{TENANT}/domains/check", check_domains, methods=["POST"]),
    Route(f"{TENANT}/domains", list_domains, methods=["GET"]),
    Route(f"{TENANT}/domains", register_domain, methods=["POST"]),
    Route(f"{TENANT}/domains/{{name}}", get_domain, methods=["GET"]),
]
