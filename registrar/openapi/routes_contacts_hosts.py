"""Contacts and hosts."""

from __future__ import annotations

from registrar.openapi.components import component
from registrar.openapi.schema import (
    STRING,
    Operation,
    Param,
    array,
    data,
    data_list,
    obj,
)

TENANT = "/api/v1/tenants/{tenant_id}"
CONTACT = f"{TENANT}/contacts/{{handle}}"
HOST = f"{TENANT}/hosts/{{name}}"
REGISTRY_ERRORS = (502, 503, 504)

CONTACT_FIELDS = {
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
HOST_DATA = data(component("Host"))
AVAILABILITY = obj({"status": STRING}, {"handle": STRING, "name": STRING, "reason": STRING})

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "GET",
        f"{TENANT}/contacts",
        "List contacts",
        response=data_list(component("Contact"), component("CursorPagination")),
        params=(Param("limit", "Page size."), Param("cursor", "Cursor of the previous page.")),
        errors=(422,),
        tag="contacts",
    ),
    Operation(
        "POST",
        f"{TENANT}/contacts",
        "Create a contact",
        status=201,
        response=CONTACT_DATA,
        body=obj(optional={"handle": STRING, **CONTACT_FIELDS}),
        errors=(422, *REGISTRY_ERRORS),
        tag="contacts",
    ),
    Operation("GET", CONTACT, "Get a contact", response=CONTACT_DATA, errors=(404,), tag="contacts"),
    Operation(
        "PATCH",
        CONTACT,
        "Update a contact (not its handle or tenant)",
        response=CONTACT_DATA,
        body=obj(optional=CONTACT_FIELDS),
        errors=(404, 422, *REGISTRY_ERRORS),
        tag="contacts",
    ),
    Operation(
        "DELETE",
        CONTACT,
        "Delete a contact not linked to any domain",
        status=204,
        errors=(404, 422, *REGISTRY_ERRORS),
        tag="contacts",
    ),
    Operation(
        "POST",
        f"{TENANT}/contacts/check",
        "Check a handle's availability",
        response=data(AVAILABILITY),
        body=obj({"handle": STRING}),
        errors=(422,),
        tag="contacts",
    ),
    Operation(
        "POST",
        f"{CONTACT}/transfer",
        "Contact transfer (documented as not supported)",
        response=CONTACT_DATA,
        body_optional=True,
        errors=(404, 422),
        tag="contacts",
    ),
    Operation(
        "POST",
        f"{CONTACT}/verify",
        "Submit a contact verification challenge response",
        response=CONTACT_DATA,
        body=obj({"channel": STRING, "token": STRING}),
        auth="none",
        errors=(404, 422),
        tag="contacts",
    ),
    Operation(
        "POST",
        f"{TENANT}/hosts/check",
        "Check a host name's availability",
        response=data(AVAILABILITY),
        body=obj({"name": STRING}),
        errors=(422, *REGISTRY_ERRORS),
        tag="hosts",
    ),
    Operation("GET", f"{TENANT}/hosts", "List hosts", response=data_list(component("Host")), tag="hosts"),
    Operation("GET", HOST, "Get a host", response=HOST_DATA, errors=(404,), tag="hosts"),
    Operation(
        "POST",
        f"{TENANT}/hosts",
        "Create a host",
        status=201,
        response=HOST_DATA,
        body=obj({"name": STRING}, {"addresses": array(STRING)}),
        errors=(422, *REGISTRY_ERRORS),
        tag="hosts",
    ),
    Operation(
        "PATCH",
        HOST,
        "Replace a host's addresses",
        response=HOST_DATA,
        body=obj({"addresses": array(STRING)}),
        errors=(404, 422, *REGISTRY_ERRORS),
        tag="hosts",
    ),
    Operation(
        "POST",
        f"{HOST}/rename",
        "Rename a host",
        response=HOST_DATA,
        body=obj({"new_name": STRING}),
        errors=(404, 422, *REGISTRY_ERRORS),
        tag="hosts",
    ),
    Operation(
        "DELETE",
        HOST,
        "Delete a host",
        status=204,
        errors=(404, 422, *REGISTRY_ERRORS),
        tag="hosts",
    ),
    Operation(
        "POST",
        f"{HOST}/reconcile",
        "Reconcile a subordinate host with the registry",
        response=HOST_DATA,
        errors=(404, 422, *REGISTRY_ERRORS),
        tag="hosts",
    ),
)
