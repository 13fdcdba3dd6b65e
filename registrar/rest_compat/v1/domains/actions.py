"""`/api/v1/tenants/:tenant_id/domains/:name/…`: lifecycle actions on one domain."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.context import RequestContext
from registrar.models import Domain
from registrar.openapi.components import component
from registrar.openapi.schema import STRING, Operation, Schema, array, data, data_list, enum, obj
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.domains import auth_codes, deletion, reconciliation, renewal
from registrar.resolvers.domains import changes as domain_changes
from registrar.resolvers.domains import events as domain_events
from registrar.resolvers.domains import statuses as domain_statuses
from registrar.resolvers.domains import views as domain_views
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import domains as render

TAG = "domains"
DOMAIN = f"{TENANT}/domains/{{name}}"
DOMAIN_DATA = data(component("Domain"))
ACTION_ERRORS = (404, 422, 502, 503, 504)
DS_RECORD_IN = obj(
    {
        "key_tag": {"type": "integer", "minimum": 0, "maximum": 65535},
        "algorithm": {"type": "integer", "minimum": 0, "maximum": 255},
        "digest_type": {"type": "integer", "minimum": 0, "maximum": 255},
        "digest": {"type": "string", "pattern": "^[0-9A-Fa-f]+$"},
    },
    {"max_sig_life": {"type": "integer", "minimum": 1}},
)


async def _domain_response(ctx: RequestContext, domain: Domain) -> JSONResponse:
    return data_response(render.domain(await domain_views.domain_view(ctx, domain)))


async def renew(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    domain = await renewal.renew_domain(
        ctx, access, request.path_params["name"], body.get("years"), body.get("quote_id")
    )
    return await _domain_response(ctx, domain)


async def restore(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    domain = await renewal.restore_domain(ctx, access, request.path_params["name"], body.get("quote_id"))
    return await _domain_response(ctx, domain)


async def delete(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await deletion.delete_domain(ctx, access, request.path_params["name"])
    return no_content()


async def rotate_auth_code(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    code = await auth_codes.rotate_auth_code(ctx, access, request.path_params["name"])
    return data_response({"auth_code": code})


async def reconcile(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    domain = await reconciliation.reconcile_domain(ctx, access, request.path_params["name"])
    return await _domain_response(ctx, domain)


def _lock_handlers(lock: str) -> tuple:
    async def apply(request: Request) -> JSONResponse:
        ctx, access = await tenant_access(request)
        domain = await domain_statuses.set_lock(ctx, access, request.path_params["name"], lock, applied=True)
        return await _domain_response(ctx, domain)

    async def release(request: Request) -> JSONResponse:
        ctx, access = await tenant_access(request)
        domain = await domain_statuses.set_lock(ctx, access, request.path_params["name"], lock, applied=False)
        return await _domain_response(ctx, domain)

    return apply, release


async def apply_hold(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    domain = await domain_statuses.apply_hold(ctx, access, request.path_params["name"], body.get("reason"))
    return await _domain_response(ctx, domain)


async def release_hold(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    domain = await domain_statuses.release_hold(ctx, access, request.path_params["name"])
    return await _domain_response(ctx, domain)


async def update_nameservers(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request)
    domain = await domain_changes.update_nameservers(ctx, access, request.path_params["name"], body.get("nameservers"))
    return await _domain_response(ctx, domain)


async def update_contacts(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    patch = Patch(await json_body(request))
    domain = await domain_changes.update_contacts(ctx, access, request.path_params["name"], patch)
    return await _domain_response(ctx, domain)


async def update_ds_records(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request)
    domain = await domain_changes.update_ds_records(ctx, access, request.path_params["name"], body.get("ds_records"))
    return await _domain_response(ctx, domain)


async def remove_ds_records(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    domain = await domain_changes.update_ds_records(ctx, access, request.path_params["name"], None, remove_all=True)
    return await _domain_response(ctx, domain)


async def list_events(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    rows = await domain_events.list_domain_events(ctx, access, request.path_params["name"])
    return data_response([render.event(row) for row in rows])


def _action(path: str, summary: str, body: Schema | None = None, *, optional: bool = True) -> Operation:
    """`POST …/domains/:name<path>`, answering the domain."""
    return Operation(
        "POST",
        f"{DOMAIN}{path}",
        summary,
        response=DOMAIN_DATA,
        body=body,
        body_optional=optional,
        errors=ACTION_ERRORS,
        tag=TAG,
    )


def _lock_endpoints(lock: str) -> list[Endpoint]:
    apply, release = _lock_handlers(lock)
    return [
        Endpoint(apply, _action(f"/{lock}_lock", f"Apply the {lock} lock"), name=f"apply_{lock}_lock"),
        Endpoint(
            release,
            Operation(
                "DELETE",
                f"{DOMAIN}/{lock}_lock",
                f"Release the {lock} lock",
                response=DOMAIN_DATA,
                errors=ACTION_ERRORS,
                tag=TAG,
            ),
            name=f"release_{lock}_lock",
        ),
    ]


routes = [
    Endpoint(
        delete,
        Operation("DELETE", DOMAIN, "Delete a domain (into redemption)", status=204, errors=ACTION_ERRORS, tag=TAG),
    ),
    Endpoint(
        renew,
        _action(
            "/renew",
            "Renew a domain",
            obj(optional={"years": {"type": "integer", "minimum": 1}, "quote_id": STRING}),
        ),
    ),
    Endpoint(restore, _action("/restore", "Restore a domain in redemption", obj(optional={"quote_id": STRING}))),
    Endpoint(
        rotate_auth_code,
        Operation(
            "POST",
            f"{DOMAIN}/auth_code/rotate",
            "Rotate the auth code (returned once)",
            response=data(obj({"auth_code": STRING})),
            errors=ACTION_ERRORS,
            tag=TAG,
        ),
    ),
    Endpoint(reconcile, _action("/reconcile", "Reconcile with the registry's view")),
    Endpoint(
        apply_hold,
        _action("/apply_hold", "Apply a hold", obj({"reason": enum("contact_inaccuracy", "dispute")}), optional=False),
    ),
    Endpoint(release_hold, _action("/release_hold", "Release the hold")),
    Endpoint(
        update_nameservers,
        _action(
            "/update_nameservers",
            "Replace the nameserver set",
            obj({"nameservers": array(STRING)}),
            optional=False,
        ),
    ),
    Endpoint(
        update_contacts,
        _action(
            "/update_contacts",
            "Change admin, tech or billing contacts",
            obj(optional={"admin_handle": STRING, "tech_handle": STRING, "billing_handle": STRING}),
            optional=False,
        ),
    ),
    Endpoint(
        update_ds_records,
        _action(
            "/update_ds_records",
            "Replace the DS-record set",
            obj({"ds_records": array(DS_RECORD_IN)}),
            optional=False,
        ),
    ),
    Endpoint(
        remove_ds_records,
        Operation(
            "DELETE",
            f"{DOMAIN}/ds_records",
            "Remove every DS record",
            response=DOMAIN_DATA,
            errors=ACTION_ERRORS,
            tag=TAG,
        ),
    ),
    Endpoint(
        list_events,
        Operation(
            "GET",
            f"{DOMAIN}/events",
            "List the domain's events",
            response=data_list(component("DomainEvent")),
            errors=(404,),
            tag=TAG,
        ),
    ),
    *(endpoint for lock in ("transfer", "update", "delete") for endpoint in _lock_endpoints(lock)),
]
