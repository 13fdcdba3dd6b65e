"""A tenant over `/api/v1/tenants/:tenant_id`: its settings, members and invitations (and
`/api/v1/invitations/:token/accept`, where an invitee joins)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from registrar.openapi.components import component
from registrar.openapi.schema import EMAIL, STRING, Operation, data, data_list, enum, obj
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.tenancy import invitations, members, tenants
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import (
    data_response,
    json_body,
    no_content,
    request_context,
    tenant_access,
)
from registrar.rest_compat.paths import TENANT
from registrar.rest_compat.render import tenancy as render

TAG = "tenants"
MEMBER = f"{TENANT}/members/{{user_id}}"
MEMBER_DATA = data(component("Membership"))
ROLE = enum("owner", "admin", "member")
TENANT_BODY = obj(
    optional={
        "name": STRING,
        "verification_from_email": STRING,
        "suspension_from_email": STRING,
        "renewal_from_email": STRING,
        "verification_from_phone": STRING,
        "suspension_from_phone": STRING,
        "verification_url_template": STRING,
        "transfer_out_mode": enum("auto", "explicit"),
    }
)


async def update_tenant(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    tenant = await tenants.update_tenant(ctx, access, Patch(await json_body(request, optional=True)))
    return data_response(render.tenant(tenant))


async def list_members(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.membership(row) for row in await members.list_members(ctx, access)])


async def get_member(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response(render.membership(await members.get_member(ctx, access, request.path_params["user_id"])))


async def remove_member(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await members.remove_member(ctx, access, request.path_params["user_id"])
    return no_content()


async def change_member_role(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request)
    row = await members.change_role(ctx, access, request.path_params["user_id"], body.get("role"))
    return data_response(render.membership(row))


async def activate_member(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await members.set_member_state(ctx, access, request.path_params["user_id"], "active")
    return data_response(render.membership(row))


async def deactivate_member(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    row = await members.set_member_state(ctx, access, request.path_params["user_id"], "deactivated")
    return data_response(render.membership(row))


async def list_invitations(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.invitation(row) for row in await invitations.list_invitations(ctx, access)])


async def create_invitation(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request)
    row = await invitations.create_invitation(ctx, access, body.get("email"), body.get("role"))
    return data_response(render.invitation(row), status=201)


async def revoke_invitation(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await invitations.revoke_invitation(ctx, access, request.path_params["id"])
    return no_content()


async def accept_invitation(request: Request) -> JSONResponse:
    body = await json_body(request, optional=True)
    accepted = await invitations.accept_invitation(
        request_context(request), request.path_params["token"], body.get("password")
    )
    return data_response({"message": "invitation_accepted", "user_id": accepted.user_id})


routes = [
    Endpoint(
        update_tenant,
        *(
            Operation(
                method,
                TENANT,
                "Update the tenant's settings",
                response=data(component("Tenant")),
                body=TENANT_BODY,
                body_optional=True,
                errors=(422,),
                tag=TAG,
            )
            for method in ("PATCH", "PUT")
        ),
    ),
    Endpoint(
        list_members,
        Operation("GET", f"{TENANT}/members", "List members", response=data_list(component("Membership")), tag=TAG),
    ),
    Endpoint(get_member, Operation("GET", MEMBER, "Get a member", response=MEMBER_DATA, errors=(404,), tag=TAG)),
    Endpoint(
        remove_member,
        Operation("DELETE", MEMBER, "Remove a member", status=204, errors=(404, 422), tag=TAG),
    ),
    Endpoint(
        change_member_role,
        Operation(
            "PUT",
            f"{MEMBER}/role",
            "Change a member's role",
            response=MEMBER_DATA,
            body=obj({"role": ROLE}),
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        activate_member,
        Operation("PUT", f"{MEMBER}/activate", "Activate a member", response=MEMBER_DATA, errors=(404, 422), tag=TAG),
    ),
    Endpoint(
        deactivate_member,
        Operation(
            "PUT",
            f"{MEMBER}/deactivate",
            "Deactivate a member",
            response=MEMBER_DATA,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        list_invitations,
        Operation(
            "GET",
            f"{TENANT}/invitations",
            "List invitations",
            response=data_list(component("Invitation")),
            tag=TAG,
        ),
    ),
    Endpoint(
        create_invitation,
        Operation(
            "POST",
            f"{TENANT}/invitations",
            "Invite someone by email",
            status=201,
            response=data(component("Invitation")),
            body=obj({"email": EMAIL, "role": ROLE}),
            errors=(422,),
            tag=TAG,
        ),
    ),
    Endpoint(
        revoke_invitation,
        Operation(
            "DELETE",
            f"{TENANT}/invitations/{{id}}",
            "Revoke an invitation",
            status=204,
            errors=(404, 422),
            tag=TAG,
        ),
    ),
    Endpoint(
        accept_invitation,
        Operation(
            "POST",
            "/api/v1/invitations/{token}/accept",
            "Accept an invitation",
            response=data(obj({"message": enum("invitation_accepted"), "user_id": STRING})),
            body=obj(optional={"password": STRING}),
            body_optional=True,
            auth="none",
            errors=(404, 422),
            tag=TAG,
        ),
    ),
]
