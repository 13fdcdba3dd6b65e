"""`/api/v1/tenants/:tenant_id/domains…`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from registrar.openapi.components import component
from registrar.openapi.schema import BOOLEAN, INTEGER, STRING, TIMESTAMP, Operation, Param, array, data, nullable, obj
from registrar.resolvers.domains import availability, registration, transfer_eligibility
from registrar.resolvers.domains import listing as domain_listing
from registrar.resolvers.domains import views as domain_views
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, take, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import domains as render

TAG = "domains"
DOMAIN_DATA = data(component("Domain"))
REGISTRY_ERRORS = (502, 503, 504)
CHECK_BODY = obj(
    optional={
        "name": STRING,
        "names": array(STRING),
        "idn_language": STRING,
        "fee_commands": array(STRING),
        "fee_period": INTEGER,
        "client_transaction_id": STRING,
    }
)
REGISTER_BODY = obj(
    {"name": STRING, "registrant_handle": STRING},
    {
        "years": {"type": "integer", "minimum": 1, "maximum": 10},
        "admin_handle": STRING,
        "tech_handle": STRING,
        "billing_handle": STRING,
        "nameservers": array(STRING),
        "quote_id": STRING,
        "payment_assured": BOOLEAN,
        "registry_account_id": STRING,
        "idn_language": STRING,
    },
)
LIST_PARAMS = (
    Param("state", "Lifecycle state."),
    Param("tld", "TLD, case-insensitive."),
    Param("name_like", "Substring of the A-label, case-insensitive."),
    Param("unicode_name_like", "Substring of the U-label."),
    Param("updated_after", "RFC 3339 lower bound on updated_at."),
    Param("updated_before", "RFC 3339 upper bound on updated_at."),
    Param("expires_within_days", "Expires between now and now + N days."),
    Param("renewed_within_days", "Renewed within the last N days."),
    Param("in_grace", "`true`: in the auto-renewal grace window."),
    Param("in_redemption", "`true`: in redemption."),
    Param("nameserver", "A nameserver FQDN the domain uses."),
    Param("out_of_sync", "Diverges from the registry's view."),
    Param("registrant_verification_state", "Registrant contact's verification state."),
    Param("order_by", "name, registered_at, expires_at, updated_at or last_renewed_at."),
    Param("order", "asc (default) or desc."),
    Param("limit", "Page size, default 100, max 500."),
    Param("cursor", "`pagination.next_cursor` of the previous page."),
    Param("offset", "0-based offset; the response then carries `total`."),
)
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


async def get_transfer_eligibility(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    eligibility = await transfer_eligibility.transfer_out_eligibility(ctx, access, request.path_params["name"])
    return data_response(render.transfer_eligibility(eligibility))


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
    Endpoint(
        check_domains,
        Operation(
            "POST",
            f"{TENANT}/domains/check",
            "Check availability (and fees) of one or more names",
            response=data(obj(optional={"results": array(component("Availability"))})),
            body=CHECK_BODY,
            errors=(422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        list_domains,
        Operation(
            "GET",
            f"{TENANT}/domains",
            "List domains (cursor or offset pagination)",
            response=obj(
                {
                    "data": array(component("Domain")),
                    "pagination": {"oneOf": [component("CursorPagination"), component("OffsetPagination")]},
                }
            ),
            params=LIST_PARAMS,
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        register_domain,
        Operation(
            "POST",
            f"{TENANT}/domains",
            "Register a domain",
            status=201,
            response=DOMAIN_DATA,
            body=REGISTER_BODY,
            errors=(422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        get_domain,
        Operation("GET", f"{TENANT}/domains/{{name}}", "Get a domain", response=DOMAIN_DATA, errors=(404,), tag=TAG),
    ),
    Endpoint(
        get_transfer_eligibility,
        Operation(
            "GET",
            f"{TENANT}/domains/{{name}}/transfer_eligibility",
            "Whether the domain can be transferred away now, and every reason it cannot (ours, not the spec's)",
            response=data(
                obj(
                    {
                        "name": STRING,
                        "eligible": BOOLEAN,
                        "checked_at": TIMESTAMP,
                        "reasons": array(
                            obj({"code": STRING, "until": nullable(TIMESTAMP), "detail": {"type": "object"}})
                        ),
                    }
                )
            ),
            errors=(404,),
            tag=TAG,
        ),
    ),
]
