"""Tenant administration: self-update, members, invitations, OAuth clients, sessions, API keys."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.resolvers.auth import api_keys, oauth_clients, sessions
from registrar.resolvers.tenancy import invitations, members, tenants
from registrar.rest_compat import render_admin as render
from registrar.rest_compat.http import (
    data_response,
    json_body,
    no_content,
    request_context,
    take,
    tenant_access,
)
from registrar.rest_compat.paths import TENANT

TENANT_FIELDS = tuple(name for name in tenants.TenantUpdate.__dataclass_fields__ if name not in ("extra", "present"))
CLIENT_FIELDS = tuple(name for name in oauth_clients.OAuthClientInput.__dataclass_fields__ if name != "extra")


async def update_tenant(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request, optional=True), TENANT_FIELDS)
    tenant = await tenants.update_tenant(
        ctx, access, tenants.TenantUpdate(**known, extra=extra, present=frozenset(known))
    )
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


async def list_clients(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.oauth_client(row) for row in await oauth_clients.list_oauth_clients(ctx, access)])


async def get_client(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response(
        render.oauth_client(await oauth_clients.get_oauth_client(ctx, access, request.path_params["id"]))
    )


async def create_client(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    known, extra = take(await json_body(request), CLIENT_FIELDS)
    created = await oauth_clients.create_oauth_client(ctx, access, oauth_clients.OAuthClientInput(**known, extra=extra))
    body = render.oauth_client(created.client)
    if created.client_secret is not None:
        body["client_secret"] = created.client_secret
    return data_response(body, status=201)


async def revoke_client(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await oauth_clients.revoke_oauth_client(ctx, access, request.path_params["id"])
    return no_content()


async def rotate_client_secret(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    rotated = await oauth_clients.rotate_client_secret(ctx, access, request.path_params["id"])
    return data_response({"client_id": rotated.client.client_id, "client_secret": rotated.client_secret})


async def list_sessions(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.user_session(row) for row in await sessions.list_sessions(ctx, access)])


async def revoke_session(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await sessions.revoke_session(ctx, access, request.path_params["id"])
    return no_content()


async def list_api_keys(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    return data_response([render.api_key(row) for row in await api_keys.list_api_keys(ctx, access)])


async def create_api_key(request: Request) -> JSONResponse:
    ctx, access = await tenant_access(request)
    body = await json_body(request)
    created = await api_keys.create_api_key(
        ctx, access, body.get("name"), body.get("scopes"), body.get("expires_in_days")
    )
    return data_response({**render.api_key(created.key), "api_key": created.secret}, status=201)


async def revoke_api_key(request: Request) -> Response:
    ctx, access = await tenant_access(request)
    await api_keys.revoke_api_key(ctx, access, request.path_params["id"])
    return no_content()


MEMBER = f"{TENANT}/members/{{user_id}}"
routes = [
    Route(TENANT, update_tenant, methods=["PATCH", "PUT"]),
    Route(f"{TENANT}/members", list_members, methods=["GET"]),
    Route(MEMBER, get_member, methods=["GET"]),
    Route(MEMBER, remove_member, methods=["DELETE"]),
    Route(f"{MEMBER}/role", change_member_role, methods=["PUT"]),
    Route(f"{MEMBER}/activate", activate_member, methods=["PUT"]),
    Route(f"{MEMBER}/deactivate", deactivate_member, methods=["PUT"]),
    Route(f"{TENANT}/invitations", list_invitations, methods=["GET"]),
    Route(f"{TENANT}/invitations", create_invitation, methods=["POST"]),
    Route(f"{TENANT}/invitations/{{id}}", revoke_invitation, methods=["DELETE"]),
    Route("/api/v1/invitations/{token}/accept", accept_invitation, methods=["POST"]),
    Route(f"{TENANT}/oauth_clients", list_clients, methods=["GET"]),
    Route(f"{TENANT}/oauth_clients", create_client, methods=["POST"]),
    Route(f"{TENANT}/oauth_clients/{{id}}", get_client, methods=["GET"]),
    Route(f"{TENANT}/oauth_clients/{{id}}", revoke_client, methods=["DELETE"]),
    Route(f"{TENANT}/oauth_clients/{{id}}/rotate_secret", rotate_client_secret, methods=["POST"]),
    Route(f"{TENANT}/sessions", list_sessions, methods=["GET"]),
    Route(f"{TENANT}/sessions/{{id}}", revoke_session, methods=["DELETE"]),
    Route(f"{TENANT}/api_keys", list_api_keys, methods=["GET"]),
    Route(f"{TENANT}/api_keys", create_api_key, methods=["POST"]),
    Route(f"{TENANT}/api_keys/{{id}}", revoke_api_key, methods=["DELETE"]),
]
