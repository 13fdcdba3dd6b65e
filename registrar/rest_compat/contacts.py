"""`/api/v1/tenants/:tenant_id/contacts…`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.resolvers._shared.pagination import parse_limit
from registrar.resolvers.contacts import changes as contact_changes
from registrar.resolvers.contacts import records as contact_records
from registrar.rest_compat import render
from registrar.rest_compat.http import (
    data_response,
    json_body,
    no_content,
    request_context,
    take,
    tenant_access,
)
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render_hosts import availability

CONTACT_FIELDS = ("handle", *contact_changes.UPDATABLE_FIELDS)


async def create_contact(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), CONTACT_FIELDS)
    contact = await contact_records.create_contact(ctx, access, contact_records.ContactInput(**known, extra=extra))
    return data_response(render.contact(contact), status=201)


async def get_contact(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    contact = await contact_records.get_contact(ctx, access, request.path_params["handle"])
    return data_response(render.contact(contact))


async def list_contacts(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    page = await contact_records.list_contacts(
        ctx,
        access,
        limit=parse_limit(request.query_params.get("limit")),
        cursor=request.query_params.get("cursor") or None,
    )
    return data_response(
        [render.contact(contact) for contact in page.items],
        pagination={"next_cursor": page.next_cursor, "has_more": page.has_more},
    )


async def check_contact(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    handle, available = await contact_changes.check_contact(ctx, access, body.get("handle"))
    return data_response(availability("handle", handle, available))


async def update_contact(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    changes = await json_body(request, optional=True)
    contact = await contact_changes.update_contact(ctx, access, request.path_params["handle"], changes)
    return data_response(render.contact(contact))


async def delete_contact(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await contact_changes.delete_contact(ctx, access, request.path_params["handle"])
    return no_content()


async def transfer_contact(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await contact_changes.transfer_contact(ctx, access, request.path_params["handle"])


async def verify_contact(request: Request) -> JSONResponse:
    body = await json_body(request)
    contact = await contact_changes.verify_contact(
        request_context(request),
        request.path_params["tenant_id"],
        request.path_params["handle"],
        body.get("channel"),
        body.get("token"),
    )
    return data_response(render.contact(contact))


routes = [
    Route(f"{TENANT}/contacts", list_contacts, methods=["GET"]),
    Route(f"{TENANT}/contacts", create_contact, methods=["POST"]),
    Route(f"{TENANT}/contacts/check", check_contact, methods=["POST"]),
    Route(f"{TENANT}/contacts/{{handle}}", get_contact, methods=["GET"]),
    Route(f"{TENANT}/contacts/{{handle}}", update_contact, methods=["PATCH"]),
    Route(f"{TENANT}/contacts/{{handle}}", delete_contact, methods=["DELETE"]),
    Route(f"{TENANT}/contacts/{{handle}}/transfer", transfer_contact, methods=["POST"]),
    Route(f"{TENANT}/contacts/{{handle}}/verify", verify_contact, methods=["POST"]),
]
