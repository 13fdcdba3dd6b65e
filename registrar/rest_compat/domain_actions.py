"""`/api/v1/tenants/:tenant_id/domains/:name/…`: lifecycle actions on one domain."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.context import RequestContext
from registrar.models import Domain
from registrar.resolvers.domains import changes as domain_changes
from registrar.resolvers.domains import events as domain_events
from registrar.resolvers.domains import statuses as domain_statuses
from registrar.resolvers.domains import term as domain_term
from registrar.resolvers.domains import views as domain_views
from registrar.rest_compat import render
from registrar.rest_compat.http import data_response, json_body, no_content, tenant_access
from registrar.rest_compat.paths import TENANT

DOMAIN = f"{TENANT}/domains/{{name}}"


async def _domain_response(ctx: RequestContext, domain: Domain) -> JSONResponse:
    return data_response(render.domain(await domain_views.domain_view(ctx, domain)))


async def renew(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    domain = await domain_term.renew_domain(
        ctx, access, request.path_params["name"], body.get("years"), body.get("quote_id")
    )
    return await _domain_response(ctx, domain)


async def restore(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request, optional=True)
    domain = await domain_term.restore_domain(ctx, access, request.path_params["name"], body.get("quote_id"))
    return await _domain_response(ctx, domain)


async def delete(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await domain_term.delete_domain(ctx, access, request.path_params["name"])
    return no_content()


async def rotate_auth_code(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    code = await domain_term.rotate_auth_code(ctx, access, request.path_params["name"])
    return data_response({"auth_code": code})


async def reconcile(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    domain = await domain_term.reconcile_domain(ctx, access, request.path_params["name"])
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
    body = await json_body(request)
    roles = ("admin_handle", "tech_handle", "billing_handle")
    changes = domain_changes.ContactChanges(
        **{k: body[k] for k in roles if k in body},
        supplied=frozenset(k for k in roles if k in body),
    )
    domain = await domain_changes.update_contacts(ctx, access, request.path_params["name"], changes)
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


routes = [
    Route(DOMAIN, delete, methods=["DELETE"]),
    Route(f"{DOMAIN}/renew", renew, methods=["POST"]),
    Route(f"{DOMAIN}/restore", restore, methods=["POST"]),
    Route(f"{DOMAIN}/auth_code/rotate", rotate_auth_code, methods=["POST"]),
    Route(f"{DOMAIN}/reconcile", reconcile, methods=["POST"]),
    Route(f"{DOMAIN}/apply_hold", apply_hold, methods=["POST"]),
    Route(f"{DOMAIN}/release_hold", release_hold, methods=["POST"]),
    Route(f"{DOMAIN}/update_nameservers", update_nameservers, methods=["POST"]),
    Route(f"{DOMAIN}/update_contacts", update_contacts, methods=["POST"]),
    Route(f"{DOMAIN}/update_ds_records", update_ds_records, methods=["POST"]),
    Route(f"{DOMAIN}/ds_records", remove_ds_records, methods=["DELETE"]),
    Route(f"{DOMAIN}/events", list_events, methods=["GET"]),
]
for _lock in ("transfer", "update", "delete"):
    _apply, _release = _lock_handlers(_lock)
    routes += [
        Route(f"{DOMAIN}/{_lock}_lock", _apply, methods=["POST"], name=f"apply_{_lock}_lock"),
        Route(f"{DOMAIN}/{_lock}_lock", _release, methods=["DELETE"], name=f"release_{_lock}_lock"),
    ]
