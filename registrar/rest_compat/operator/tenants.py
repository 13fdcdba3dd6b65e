"""`/operator/v1/tenants…`: tenants (list, show, create, update, suspend, reactivate, reseller
approval), their members, invitations and OAuth clients; and `/operator/v1/users/
resend_verification`. `{tenant}` is a tenant's id or slug."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import CURSOR_PAGINATION, INVITATION, component
from registrar.openapi.schema import (
    BOOLEAN,
    EMAIL,
    INTEGER,
    STRING,
    TIMESTAMP,
    Operation,
    Param,
    data,
    data_list,
    enum,
    nullable,
    obj,
)
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.auth.oauth_clients import OAuthClientInput
from registrar.resolvers.operator import memberships, tenant_clients, tenants, users
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import data_response, json_body, no_content, operator_request, take
from registrar.rest_compat.paths import OPERATOR
from registrar.rest_compat.render.auth import oauth_client
from registrar.rest_compat.render.tenancy import invitation, issued_invitation, operator_member, operator_tenant
from registrar.rest_compat.render.users import verified_user
from registrar.rest_compat.v1.auth import CLIENT_BODY, CLIENT_FIELDS

TAG = "operator"
TENANTS = f"{OPERATOR}/tenants"
TENANT = f"{TENANTS}/{{tenant}}"
OPERATOR_TENANT = data(component("OperatorTenant"))
FILTERS = ("status", "slug", "name")
NEW_TENANT_FIELDS = tuple(name for name in tenants.NewTenant.__dataclass_fields__ if name != "extra")
TENANT_FIELDS = {
    "name": STRING,
    "iana_registrar_id": nullable(INTEGER),
    "abuse_email": nullable(EMAIL),
    "abuse_form_url": nullable(STRING),
    "transfer_lock_opt_out": BOOLEAN,
}
VERIFICATION_USER = obj({"id": STRING, "email": STRING, "email_verified_at": nullable(TIMESTAMP)})
ISSUED_INVITATION = obj({**INVITATION["properties"], "token": STRING, "accept_url": STRING})


async def list_tenants(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    params = request.query_params
    page = await tenants.list_tenants(
        ctx,
        operator,
        tenants.TenantFilter(**{name: params.get(name) or None for name in FILTERS}),
        limit=params.get("limit"),
        cursor=params.get("cursor") or None,
    )
    return data_response(
        [operator_tenant(row) for row in page.items],
        pagination={"next_cursor": page.next_cursor, "has_more": page.has_more},
    )


async def create_tenant(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    known, extra = take(await json_body(request), NEW_TENANT_FIELDS)
    tenant = await tenants.create_tenant(ctx, operator, tenants.NewTenant(**known, extra=extra))
    return data_response(operator_tenant(tenant), status=201)


async def show_tenant(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    return data_response(operator_tenant(await tenants.get_tenant(ctx, operator, request.path_params["tenant"])))


async def update_tenant(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    patch = Patch(await json_body(request, optional=True))
    tenant = await tenants.update_tenant(ctx, operator, request.path_params["tenant"], patch)
    return data_response(operator_tenant(tenant))


async def suspend_tenant(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    tenant = await tenants.set_tenant_status(ctx, operator, request.path_params["tenant"], "suspended")
    return data_response(operator_tenant(tenant))


async def reactivate_tenant(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    tenant = await tenants.set_tenant_status(ctx, operator, request.path_params["tenant"], "active")
    return data_response(operator_tenant(tenant))


async def approve_reseller(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    return data_response(operator_tenant(await tenants.approve_reseller(ctx, operator, request.path_params["tenant"])))


async def revoke_reseller(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    tenant = await tenants.revoke_reseller_approval(ctx, operator, request.path_params["tenant"])
    return data_response(operator_tenant(tenant))


def tenant_action(handler, action: str, summary: str) -> Endpoint:
    return Endpoint(
        handler,
        Operation("POST", f"{TENANT}/{action}", summary, response=OPERATOR_TENANT, errors=(404,), tag=TAG),
    )


async def list_members(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    rows = await memberships.list_tenant_members(ctx, operator, request.path_params["tenant"])
    return data_response([operator_member(row) for row in rows])


async def list_invitations(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    rows = await memberships.list_tenant_invitations(ctx, operator, request.path_params["tenant"])
    return data_response([invitation(row) for row in rows])


async def invite_member(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    body = await json_body(request)
    issued = await memberships.invite_member(
        ctx, operator, request.path_params["tenant"], body.get("email"), body.get("role")
    )
    return data_response(issued_invitation(issued.invitation, issued.token, issued.accept_url), status=201)


async def revoke_invitation(request: Request) -> Response:
    ctx, operator = await operator_request(request)
    await memberships.revoke_tenant_invitation(ctx, operator, request.path_params["tenant"], request.path_params["id"])
    return no_content()


async def create_client(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    known, extra = take(await json_body(request), CLIENT_FIELDS)
    created = await tenant_clients.create_tenant_client(
        ctx, operator, request.path_params["tenant"], OAuthClientInput(**known, extra=extra)
    )
    secret = {"client_secret": created.client_secret} if created.client_secret is not None else {}
    return data_response({**oauth_client(created.client), **secret}, status=201)


async def resend_verification(request: Request) -> JSONResponse:
    ctx, operator = await operator_request(request)
    body = await json_body(request)
    sent = await users.resend_verification(ctx, operator, body.get("email"))
    return data_response({"user": verified_user(sent.user), "status": "queued"})


routes = [
    Endpoint(
        list_tenants,
        Operation(
            "GET",
            TENANTS,
            "List tenants by slug",
            response=data_list(component("OperatorTenant"), CURSOR_PAGINATION),
            params=(
                Param("status", "Exact status: `active` or `suspended`.", enum(*tenants.STATUSES)),
                Param("slug", "Exact slug."),
                Param("name", "A case-insensitive part of the name."),
                Param("limit", "Page size (1-500, default 100)."),
                Param("cursor", "`next_cursor` of the previous page."),
            ),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_tenant,
        Operation(
            "POST",
            TENANTS,
            "Create a tenant",
            status=201,
            response=OPERATOR_TENANT,
            body=obj({"name": STRING, "slug": STRING}, {name: TENANT_FIELDS[name] for name in NEW_TENANT_FIELDS[2:]}),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        show_tenant,
        Operation("GET", TENANT, "Show a tenant (by id or slug)", response=OPERATOR_TENANT, errors=(404,), tag=TAG),
    ),
    Endpoint(
        update_tenant,
        Operation(
            "PATCH",
            TENANT,
            "Update a tenant's name, IANA registrar id, abuse contacts or transfer-lock opt-out",
            response=OPERATOR_TENANT,
            body=obj(optional=TENANT_FIELDS),
            body_optional=True,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    tenant_action(suspend_tenant, "suspend", "Suspend a tenant (revokes every credential of it)"),
    tenant_action(reactivate_tenant, "reactivate", "Reactivate a suspended tenant"),
    tenant_action(approve_reseller, "approve_reseller", "Approve a tenant as a reseller"),
    tenant_action(revoke_reseller, "revoke_reseller", "Withdraw a tenant's reseller approval"),
    Endpoint(
        list_members,
        Operation(
            "GET",
            f"{TENANT}/members",
            "List a tenant's members",
            response=data_list(component("OperatorMember")),
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        list_invitations,
        Operation(
            "GET",
            f"{TENANT}/invitations",
            "List a tenant's invitations",
            response=data_list(component("Invitation")),
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        invite_member,
        Operation(
            "POST",
            f"{TENANT}/invitations",
            "Invite someone to a tenant with any role (the token is shown once)",
            status=201,
            response=data(ISSUED_INVITATION),
            body=obj({"email": EMAIL, "role": enum("owner", "admin", "member")}),
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        revoke_invitation,
        Operation(
            "DELETE",
            f"{TENANT}/invitations/{{id}}",
            "Revoke a tenant's pending invitation",
            status=204,
            errors=(404,),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_client,
        Operation(
            "POST",
            f"{TENANT}/oauth_clients",
            "Register an OAuth client for a tenant (tenant scopes only; the secret is shown once)",
            status=201,
            response=data(component("OAuthClient")),
            body=CLIENT_BODY,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        resend_verification,
        Operation(
            "POST",
            f"{OPERATOR}/users/resend_verification",
            "Send a user a new email-verification link (the token is never returned)",
            response=data(obj({"user": VERIFICATION_USER, "status": enum("queued")})),
            body=obj({"email": EMAIL}),
            errors=(404, 409, 422),
            tag=TAG,
        ),
    ),
]
