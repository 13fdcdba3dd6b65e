"""`/api/v1/tenants/:tenant_id/contacts…`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.resolvers import contacts
from registrar.resolvers.pagination import parse_limit
from registrar.rest_compat import render
from registrar.rest_compat.http import data_response, json_body, take, tenant_access
from registrar.rest_compat.paths import TENANT

CONTACT_FIELDS = (
    "handle",
    "name",
    "organization",
    "email",
    "phone",
    "fax",
    "street",
    "city",
    "state_province",
    "postal_code",
    "country_code",
)


async def create_contact(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), CONTACT_FIELDS)
    contact = await contacts.create_contact(ctx, access, contacts.ContactInput(**known, extra=extra))
    return data_response(render.contact(contact), status=201)


async def get_contact(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    contact = await contacts.get_contact(ctx, access, request.path_params["handle"])
    return data_response(render.contact(contact))


async def list_contacts(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    page = await contacts.list_contacts(
        ctx,
        access,
        limit=parse_limit(request.query_params.get("limit")),
        cursor=request.query_params.get("cursor") or None,
    )
    return data_response(
        [render.contact(contact) for contact in page.items],
        pagination={"next_cursor": page.next_cursor, "has_more": page.has_more},
    )


routes = [
    Route(f"{TENANT}/contacts", list_contacts, methods=["GET"]),
    Route(f"{TENANT}/contacts", create_contact, methods=["POST"]),
    Route(f"{TENANT}/contacts/{{handle}}", get_contact, methods=["GET"]),
]
