"""`/operator/v1/registry_bindings…` (registry endpoints, their limits and a connectivity test)
and `/operator/v1/tenants/{tenant}/registry_accounts…` (a tenant's credentials at them; no
route ever returns a secret). `{tenant}` is a tenant's id or slug."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import component
from registrar.openapi.schema import (
    BOOLEAN,
    INTEGER,
    STRING,
    TIMESTAMP,
    Operation,
    array,
    data,
    data_list,
    nullable,
    obj,
)
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.operator import registry_accounts, registry_bindings, registry_passwords
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, operator_request, take
from registrar.rest_compat.paths import OPERATOR
from registrar.rest_compat.render.registry import registry_account, registry_binding, registry_binding_test

TAG = "operator"
BINDINGS = f"{OPERATOR}/registry_bindings"
BINDING = f"{BINDINGS}/{{name}}"
ACCOUNTS = f"{OPERATOR}/tenants/{{tenant}}/registry_accounts"
ACCOUNT = f"{ACCOUNTS}/{{id}}"
BINDING_RESPONSE = data(component("RegistryBinding"))
ACCOUNT_RESPONSE = data(component("RegistryAccount"))
BINDING_FIELDS = {
    "host": STRING,
    "port": INTEGER,
    "ca_pem": nullable(STRING),
    "extensions": array(STRING),
    "names_per_check": INTEGER,
    "max_connections": INTEGER,
    "commands_per_minute": nullable(INTEGER),
    "tlds": array(STRING),
}
GREETING = obj(
    {
        "server_id": STRING,
        "server_date": nullable(TIMESTAMP),
        "versions": array(STRING),
        "languages": array(STRING),
        "objects": array(STRING),
        "extensions": array(STRING),
    }
)
BINDING_TEST = obj(
    {
        "binding": STRING,
        "registry_account_id": nullable(STRING),
        "reachable": BOOLEAN,
        "logged_in": BOOLEAN,
        "greeting": nullable(GREETING),
        "latency_ms": nullable(INTEGER),
        "error": nullable(obj({"code": STRING, "detail": {"type": "object"}})),
    }
)
NEW_ACCOUNT_FIELDS = tuple(
    name for name in registry_accounts.NewRegistryAccount.__dataclass_fields__ if name != "extra"
)


# --- registry bindings ----------------------------------------------------------------------


async def list_bindings(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    return data_response(
        [registry_binding(row) for row in await registry_bindings.list_registry_bindings(ctx, operator)]
    )


async def create_binding(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    binding = await registry_bindings.create_registry_binding(ctx, operator, Patch(await json_body(request)))
    return data_response(registry_binding(binding), status=201)


async def show_binding(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    binding = await registry_bindings.get_registry_binding(ctx, operator, request.path_params["name"])
    return data_response(registry_binding(binding))


async def update_binding(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    patch = Patch(await json_body(request, optional=True))
    binding = await registry_bindings.update_registry_binding(ctx, operator, request.path_params["name"], patch)
    return data_response(registry_binding(binding))


async def test_binding(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    body = await json_body(request, optional=True)
    result = await registry_bindings.test_registry_binding(
        ctx, operator, request.path_params["name"], body.get("registry_account_id")
    )
    return data_response(registry_binding_test(result))


# --- registry accounts ----------------------------------------------------------------------


async def list_accounts(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    rows = await registry_accounts.list_tenant_registry_accounts(ctx, operator, request.path_params["tenant"])
    return data_response([registry_account(row) for row in rows])


async def create_account(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    known, extra = take(await json_body(request), NEW_ACCOUNT_FIELDS)
    data = registry_accounts.NewRegistryAccount(**known, extra=extra)
    account = await registry_accounts.create_registry_account(ctx, operator, request.path_params["tenant"], data)
    return data_response(registry_account(account), status=201)


async def show_account(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    params = request.path_params
    account = await registry_accounts.get_tenant_registry_account(ctx, operator, params["id"], tenant=params["tenant"])
    return data_response(registry_account(account))


async def delete_account(request: Request) -> Response:
    ctx, operator = await operator_request(request)
    params = request.path_params
    await registry_accounts.delete_registry_account(ctx, operator, params["id"], tenant=params["tenant"])
    return no_content()


async def rotate_password(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    new_password = (await json_body(request)).get("new_password")
    params = request.path_params
    account = await registry_passwords.rotate_registry_password(
        ctx, operator, params["id"], new_password, tenant=params["tenant"]
    )
    return data_response(registry_account(account))


def account_action(action):
    async def handler(request: Request) -> JSONResponse:
        ctx, operator = await operator_request(request)
        params = request.path_params
        return data_response(registry_account(await action(ctx, operator, params["id"], tenant=params["tenant"])))

    return handler


def account_endpoint(path: str, action, summary: str) -> Endpoint:
    return Endpoint(
        account_action(action),
        Operation("POST", f"{ACCOUNT}/{path}", summary, response=ACCOUNT_RESPONSE, errors=(404, 422), tag=TAG),
    )


routes = [
    Endpoint(
        list_bindings,
        Operation("GET", BINDINGS, "List registry bindings", response=data_list(component("RegistryBinding")), tag=TAG),
    ),
    Endpoint(
        create_binding,
        Operation(
            "POST",
            BINDINGS,
            "Create a registry binding (name and host required; commands_per_minute is paced per process)",
            status=201,
            response=BINDING_RESPONSE,
            body=obj({"name": STRING, "host": STRING}, {k: v for k, v in BINDING_FIELDS.items() if k != "host"}),
            errors=(409, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        show_binding,
        Operation("GET", BINDING, "Show a registry binding", response=BINDING_RESPONSE, errors=(404,), tag=TAG),
    ),
    Endpoint(
        update_binding,
        Operation(
            "PATCH",
            BINDING,
            "Change a registry binding's supplied fields (null clears ca_pem or commands_per_minute)",
            response=BINDING_RESPONSE,
            body=obj(optional=BINDING_FIELDS),
            errors=(404, 409, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        test_binding,
        Operation(
            "POST",
            f"{BINDING}/test",
            "Connect once, read the greeting and log in and out once (a registry failure is the report's error)",
            response=data(BINDING_TEST),
            body=obj(optional={"registry_account_id": STRING}),
            body_optional=True,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        list_accounts,
        Operation(
            "GET",
            ACCOUNTS,
            "List a tenant's registry accounts (never their credentials)",
            response=data_list(component("RegistryAccount")),
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_account,
        Operation(
            "POST",
            ACCOUNTS,
            "Create a tenant's registry account (secrets are encrypted at rest and never returned)",
            status=201,
            response=ACCOUNT_RESPONSE,
            body=obj(
                {"registry_binding": STRING, "name": STRING, "clid": STRING, "password": STRING},
                {"cert_pem": STRING, "key_pem": STRING},
            ),
            errors=(404, 409, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        show_account,
        Operation(
            "GET", ACCOUNT, "Show a tenant's registry account", response=ACCOUNT_RESPONSE, errors=(404,), tag=TAG
        ),
    ),
    Endpoint(
        delete_account,
        Operation(
            "DELETE",
            ACCOUNT,
            "Delete a registry account (refused while anything references it)",
            status=204,
            errors=(404, 409),
            tag=TAG,
        ),
    ),
    Endpoint(
        rotate_password,
        Operation(
            "POST",
            f"{ACCOUNT}/rotate_password",
            "Change the account's password at the registry (EPP newPW), then here",
            response=ACCOUNT_RESPONSE,
            body=obj({"new_password": STRING}),
            errors=(404, 409, 422, 502, 503, 504),
            tag=TAG,
        ),
    ),
    account_endpoint("disable", registry_accounts.disable_registry_account, "Disable a registry account"),
    account_endpoint("enable", registry_accounts.enable_registry_account, "Enable a registry account"),
    account_endpoint(
        "set_default", registry_accounts.set_default_registry_account, "Make the account its binding's default"
    ),
]
