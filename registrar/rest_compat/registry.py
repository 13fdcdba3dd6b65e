"""Registry accounts, their client certificates (also through the legacy TLD-association
paths), TLD associations and rate cards, under `/api/v1/tenants/:tenant_id/…`."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.resolvers.pricing import rate_cards
from registrar.resolvers.registry import accounts as registry_accounts
from registrar.resolvers.registry import certificates, tld_associations
from registrar.resolvers.registry.certificates import CertificateTarget
from registrar.rest_compat import render_registry as render
from registrar.rest_compat.http import data_response, json_body, no_content, tenant_access
from registrar.rest_compat.paths import TENANT


def _query(request: Request, name: str) -> str | None:
    return request.query_params.get(name) or None


async def list_registry_accounts(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    rows = await registry_accounts.list_registry_accounts(
        ctx,
        access,
        registry_binding=_query(request, "registry_binding"),
        state=_query(request, "state"),
    )
    return data_response([render.registry_account(row) for row in rows])


async def set_default(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await registry_accounts.set_default_registry_account(ctx, access, request.path_params["id"])
    return data_response(render.registry_account(row))


async def clear_default(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await registry_accounts.clear_default_registry_account(ctx, access, request.path_params["id"])
    return data_response(render.registry_account(row))


def certificate_routes(parent: str, target_of: Callable[[str], CertificateTarget]) -> list[Route]:
    """GET/PUT/DELETE `…/<parent>/:id/certificate`; `target_of(id)` names the account."""

    async def get_certificate(request: Request) -> JSONResponse:
        ctx, access = await tenant_access(request)
        view = await certificates.get_certificate(ctx, access, target_of(request.path_params["id"]))
        return data_response(render.certificate(view))

    async def put_certificate(request: Request) -> JSONResponse:
        ctx, access = await tenant_access(request)
        body = await json_body(request, optional=True)
        target = target_of(request.path_params["id"])
        view = await certificates.put_certificate(ctx, access, target, body.get("cert_pem"), body.get("key_pem"))
        return data_response(render.certificate(view))

    async def delete_certificate(request: Request) -> Response:
        ctx, access = await tenant_access(request)
        await certificates.delete_certificate(ctx, access, target_of(request.path_params["id"]))
        return no_content()

    path = f"{TENANT}/{parent}/{{id}}/certificate"
    return [
        Route(path, get_certificate, methods=["GET"]),
        Route(path, put_certificate, methods=["PUT"]),
        Route(path, delete_certificate, methods=["DELETE"]),
    ]


async def list_tld_associations(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    rows = await tld_associations.list_tld_associations(
        ctx,
        access,
        state=_query(request, "state"),
        accreditation_type=_query(request, "accreditation_type"),
        registry_account_id=_query(request, "registry_account_id"),
    )
    return data_response([render.tld_association(row) for row in rows])


async def get_tld_association(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await tld_associations.get_tld_association(ctx, access, request.path_params["id_or_tld"])
    return data_response(render.tld_association(row))


async def update_notifications(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    changes = await json_body(request, optional=True)
    row = await tld_associations.update_notification_settings(ctx, access, request.path_params["id"], changes)
    return data_response(render.tld_association(row))


async def list_rate_cards(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.rate_card(card) for card in await rate_cards.list_rate_cards(ctx, access)])


async def get_rate_card(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response(render.rate_card(await rate_cards.get_rate_card(ctx, access, request.path_params["tld"])))


routes = [
    Route(f"{TENANT}/registry_accounts", list_registry_accounts, methods=["GET"]),
    Route(f"{TENANT}/registry_accounts/{{id}}/set_default", set_default, methods=["POST"]),
    Route(f"{TENANT}/registry_accounts/{{id}}/clear_default", clear_default, methods=["POST"]),
    *certificate_routes("registry_accounts", lambda id: CertificateTarget(account_id=id)),
    *certificate_routes("tld_associations", lambda id: CertificateTarget(association_id=id)),
    Route(f"{TENANT}/tld_associations", list_tld_associations, methods=["GET"]),
    Route(f"{TENANT}/tld_associations/{{id_or_tld}}", get_tld_association, methods=["GET"]),
    Route(f"{TENANT}/tld_associations/{{id}}/notifications", update_notifications, methods=["PATCH"]),
    Route(f"{TENANT}/rate_card", list_rate_cards, methods=["GET"]),
    Route(f"{TENANT}/tlds/{{tld}}/rate_card", get_rate_card, methods=["GET"]),
]
