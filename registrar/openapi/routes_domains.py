"""Domains: list, check, register, lifecycle actions, locks, DNS, events, acceptance, pricing."""

from __future__ import annotations

from registrar.openapi.components import component
from registrar.openapi.schema import (
    BOOLEAN,
    INTEGER,
    STRING,
    Operation,
    Param,
    array,
    data,
    data_list,
    enum,
    obj,
)

TENANT = "/api/v1/tenants/{tenant_id}"
DOMAIN = f"{TENANT}/domains/{{name}}"
TAG = "domains"

DOMAIN_DATA = data(component("Domain"))
DS_RECORD_IN = obj(
    {
        "key_tag": {"type": "integer", "minimum": 0, "maximum": 65535},
        "algorithm": {"type": "integer", "minimum": 0, "maximum": 255},
        "digest_type": {"type": "integer", "minimum": 0, "maximum": 255},
        "digest": {"type": "string", "pattern": "^[0-9A-Fa-f]+$"},
    },
    {"max_sig_life": {"type": "integer", "minimum": 1}},
)
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
ACCEPTANCE_DATA = data(component("Acceptance"))
LOCKS = (("transfer", "transfer"), ("update", "update"), ("delete", "delete"))


def _domain_action(path: str, summary: str, body=None, *, optional: bool = True) -> Operation:
    return Operation(
        "POST",
        f"{DOMAIN}{path}",
        summary,
        response=DOMAIN_DATA,
        body=body,
        body_optional=optional,
        errors=(404, 422, 502, 503, 504),
        tag=TAG,
    )


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "POST",
        f"{TENANT}/domains/check",
        "Check availability (and fees) of one or more names",
        response=data(obj(optional={"results": array(component("Availability"))})),
        body=CHECK_BODY,
        errors=(422, 502, 503, 504),
        tag=TAG,
    ),
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
    Operation(
        "POST",
        f"{TENANT}/domains",
        "Register a domain",
        status=201,
        response=DOMAIN_DATA,
        body=REGISTER_BODY,
        errors=(422, 502, 503, 504),
        tag=TAG,
    ),
    Operation("GET", DOMAIN, "Get a domain", response=DOMAIN_DATA, errors=(404,), tag=TAG),
    Operation(
        "DELETE",
        DOMAIN,
        "Delete a domain (into redemption)",
        status=204,
        errors=(404, 422, 502, 503, 504),
        tag=TAG,
    ),
    _domain_action(
        "/renew",
        "Renew a domain",
        obj(optional={"years": {"type": "integer", "minimum": 1}, "quote_id": STRING}),
    ),
    _domain_action("/restore", "Restore a domain in redemption", obj(optional={"quote_id": STRING})),
    Operation(
        "POST",
        f"{DOMAIN}/auth_code/rotate",
        "Rotate the auth code (returned once)",
        response=data(obj({"auth_code": STRING})),
        errors=(404, 422, 502, 503, 504),
        tag=TAG,
    ),
    _domain_action("/reconcile", "Reconcile with the registry's view"),
    _domain_action(
        "/apply_hold",
        "Apply a hold",
        obj({"reason": enum("contact_inaccuracy", "dispute")}),
        optional=False,
    ),
    _domain_action("/release_hold", "Release the hold"),
    _domain_action(
        "/update_nameservers",
        "Replace the nameserver set",
        obj({"nameservers": array(STRING)}),
        optional=False,
    ),
    _domain_action(
        "/update_contacts",
        "Change admin, tech or billing contacts",
        obj(optional={"admin_handle": STRING, "tech_handle": STRING, "billing_handle": STRING}),
        optional=False,
    ),
    _domain_action(
        "/update_ds_records",
        "Replace the DS-record set",
        obj({"ds_records": array(DS_RECORD_IN)}),
        optional=False,
    ),
    Operation(
        "DELETE",
        f"{DOMAIN}/ds_records",
        "Remove every DS record",
        response=DOMAIN_DATA,
        errors=(404, 422, 502, 503, 504),
        tag=TAG,
    ),
    Operation(
        "GET",
        f"{DOMAIN}/events",
        "List the domain's events",
        response=data_list(component("DomainEvent")),
        errors=(404,),
        tag=TAG,
    ),
    *(
        operation
        for lock, label in LOCKS
        for operation in (
            _domain_action(f"/{lock}_lock", f"Apply the {label} lock"),
            Operation(
                "DELETE",
                f"{DOMAIN}/{lock}_lock",
                f"Release the {label} lock",
                response=DOMAIN_DATA,
                errors=(404, 422, 502, 503, 504),
                tag=TAG,
            ),
        )
    ),
    Operation(
        "GET",
        f"{DOMAIN}/acceptance",
        "Current acceptance record",
        response=ACCEPTANCE_DATA,
        errors=(404,),
        tag=TAG,
    ),
    Operation(
        "POST",
        f"{DOMAIN}/acceptance",
        "Record the registrant's acceptance",
        status=201,
        response=ACCEPTANCE_DATA,
        body=obj(optional={"agreement_version_id": STRING}),
        body_optional=True,
        errors=(404, 422),
        tag=TAG,
    ),
    Operation(
        "POST",
        f"{DOMAIN}/acceptance/terminate",
        "Terminate the current acceptance",
        response=ACCEPTANCE_DATA,
        errors=(404, 422),
        tag=TAG,
    ),
    Operation(
        "GET",
        f"{DOMAIN}/acceptance/history",
        "Every acceptance record of the domain",
        response=data_list(component("Acceptance")),
        errors=(404,),
        tag=TAG,
    ),
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
        tag="pricing",
    ),
    Operation(
        "GET",
        f"{TENANT}/rate_card",
        "Every priced row, grouped by TLD",
        response=data_list(component("RateCard")),
        tag="pricing",
    ),
    Operation(
        "GET",
        f"{TENANT}/tlds/{{tld}}/rate_card",
        "Priced rows of one TLD",
        response=data(component("RateCard")),
        errors=(422,),
        tag="pricing",
    ),
)
