"""`/api/v1/tenants/:tenant_id/contacts…`"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import component
from registrar.openapi.schema import STRING, Operation, Param, array, data, data_list, obj
from registrar.resolvers._shared.pagination import parse_limit
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.contacts import changes as contact_changes
from registrar.resolvers.contacts import records as contact_records
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import (
    data_response,
    json_body,
    no_content,
    request_context,
    take,
    tenant_access,
)
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import contacts as render
from registrar.rest_compat.render.formats import availability

TAG = "contacts"
CONTACT = f"{TENANT}/contacts/{{handle}}"
REGISTRY_ERRORS = (502, 503, 504)
DOCUMENTED_FIELDS = {
    "name": STRING,
    "organization": STRING,
    "email": STRING,
    "phone": STRING,
    "fax": STRING,
    "street": array(STRING),
    "city": STRING,
    "state_province": STRING,
    "postal_code": STRING,
    "country_code": STRING,
}
CONTACT_DATA = data(component("Contact"))
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
    patch = Patch(await json_body(request, optional=True))
    contact = await contact_changes.update_contact(ctx, access, request.path_params["handle"], patch)
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
    Endpoint(
        list_contacts,
        Operation(
            "GET",
            f"{TENANT}/contacts",
            "List contacts",
            response=data_list(component("Contact"), component("CursorPagination")),
            params=(Param("limit", "Page size."), Param("cursor", "Cursor of the previous page.")),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_contact,
        Operation(
            "POST",
            f"{TENANT}/contacts",
            "Create a contact",
            status=201,
            response=CONTACT_DATA,
            body=obj(optional={"handle": STRING, **DOCUMENTED_FIELDS}),
            errors=(422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        check_contact,
        Operation(
            "POST",
            f"{TENANT}/contacts/check",
            "Check a handle's availability",
            response=data(obj({"status": STRING}, {"handle": STRING, "name": STRING, "reason": STRING})),
            body=obj({"handle": STRING}),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(get_contact, Operation("GET", CONTACT, "Get a contact", response=CONTACT_DATA, errors=(404,), tag=TAG)),
    Endpoint(
        update_contact,
        Operation(
            "PATCH",
            CONTACT,
            "Update a contact (not its handle or tenant)",
            response=CONTACT_DATA,
            body=obj(optional=DOCUMENTED_FIELDS),
            errors=(404, 422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        delete_contact,
        Operation(
            "DELETE",
            CONTACT,
            "Delete a contact not linked to any domain",
            status=204,
            errors=(404, 422, *REGISTRY_ERRORS),
            tag=TAG,
        ),
    ),
    Endpoint(
        transfer_contact,
        Operation(
            "POST",
            f"{CONTACT}/transfer",
            "Contact transfer (documented as not supported)",
            response=CONTACT_DATA,
            body_optional=True,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        verify_contact,
        Operation(
            "POST",
            f"{CONTACT}/verify",
            "Submit a contact verification challenge response",
            response=CONTACT_DATA,
            body=obj({"channel": STRING, "token": STRING}),
            auth="none",
            errors=(422,),
            tag=TAG,
        ),
    ),
]
