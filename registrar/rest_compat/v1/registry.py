"""Registry accounts, their client certificates (also through the legacy TLD-association
paths) and TLD associations, under `/api/v1/tenants/:tenant_id/…`."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import component
from registrar.openapi.schema import STRING, Operation, Param, data, data_list, obj
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.registry import accounts as registry_accounts
from registrar.resolvers.registry import certificates, tld_associations
from registrar.resolvers.registry.certificates import CertificateTarget
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, tenant_access
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import registry as render

TAG = "registry"
ACCOUNT_DATA = data(component("RegistryAccount"))
ASSOCIATION_DATA = data(component("TldAssociation"))
CERT_DATA = data(component("Certificate"))


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


def certificate_endpoints(parent: str, owner: str, target_of: Callable[[str], CertificateTarget]) -> list[Endpoint]:
    """GET/PUT/DELETE `…/<parent>/:id/certificate` of the `owner`; `target_of(id)` names the account."""

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
        Endpoint(
            get_certificate,
            Operation(
                "GET",
                path,
                f"Client certificate metadata of the {owner}",
                response=CERT_DATA,
                errors=(404,),
                tag=TAG,
            ),
        ),
        Endpoint(
            put_certificate,
            Operation(
                "PUT",
                path,
                f"Upload or rotate the {owner}'s client certificate",
                response=CERT_DATA,
                body=obj({"cert_pem": STRING, "key_pem": STRING}),
                errors=(404, 422),
                tag=TAG,
            ),
        ),
        Endpoint(
            delete_certificate,
            Operation("DELETE", path, f"Remove the {owner}'s client certificate", status=204, errors=(404,), tag=TAG),
        ),
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
    patch = Patch(await json_body(request, optional=True))
    row = await tld_associations.update_notification_settings(ctx, access, request.path_params["id"], patch)
    return data_response(render.tld_association(row))


routes = [
    Endpoint(
        list_registry_accounts,
        Operation(
            "GET",
            f"{TENANT}/registry_accounts",
            "List registry accounts",
            response=data_list(component("RegistryAccount")),
            params=(Param("registry_binding", "Binding name."), Param("state", "active|disabled.")),
            tag=TAG,
        ),
    ),
    Endpoint(
        set_default,
        Operation(
            "POST",
            f"{TENANT}/registry_accounts/{{id}}/set_default",
            "Make the account its binding's default",
            response=ACCOUNT_DATA,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        clear_default,
        Operation(
            "POST",
            f"{TENANT}/registry_accounts/{{id}}/clear_default",
            "Clear the account's default flag",
            response=ACCOUNT_DATA,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    *certificate_endpoints("registry_accounts", "registry account", lambda id: CertificateTarget(account_id=id)),
    *certificate_endpoints(
        "tld_associations", "TLD association's account", lambda id: CertificateTarget(association_id=id)
    ),
    Endpoint(
        list_tld_associations,
        Operation(
            "GET",
            f"{TENANT}/tld_associations",
            "List TLD associations",
            response=data_list(component("TldAssociation")),
            params=(
                Param("state", "Association state."),
                Param("accreditation_type", "icann_accredited or non_icann."),
                Param("registry_account_id", "Bound registry account."),
            ),
            tag=TAG,
        ),
    ),
    Endpoint(
        get_tld_association,
        Operation(
            "GET",
            f"{TENANT}/tld_associations/{{id_or_tld}}",
            "Get a TLD association by id or TLD",
            response=ASSOCIATION_DATA,
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        update_notifications,
        Operation(
            "PATCH",
            f"{TENANT}/tld_associations/{{id}}/notifications",
            "Update an association's notification settings",
            response=ASSOCIATION_DATA,
            body=obj(optional={"low_balance_notification_email": STRING}),
            errors=(404, 422),
            tag=TAG,
        ),
    ),
]
