"""No one hands out a scope they do not hold: an OAuth client's allowed scopes and an API key's
scopes stay within the caller's own, when created and when a client secret is rotated."""

from __future__ import annotations

import jwt

from registrar.bootstrap import mint_demo_token
from registrar.context import RequestContext
from registrar.models import Tenant
from registrar.resolvers.auth import oauth_clients
from registrar.resolvers.operator.guard import cli_operator
from tests.support.credentials import access_token, api_key
from tests.support.tenancy import bearer

CLIENT = {
    "name": "wide",
    "client_type": "confidential",
    "allowed_flows": ["client_credentials"],
    "allowed_scopes": ["read", "write", "directory:read"],
}


async def operator_client(services, tenant_id: str, scopes: list[str]) -> oauth_clients.ClientWithSecret:
    async with services.db.read() as session:
        tenant = await session.get(Tenant, tenant_id)
    return await oauth_clients.create_oauth_client(
        RequestContext(services=services),
        cli_operator().on(tenant),
        oauth_clients.OAuthClientInput(
            name="operator's", client_type="confidential", allowed_flows=["client_credentials"], allowed_scopes=scopes
        ),
    )


async def test_an_admin_cannot_create_a_client_with_a_scope_they_do_not_hold(client, demo):
    # given the owner's token holds read and write
    # when it registers a client allowed directory:read too
    response = await client.post(demo.url("/oauth_clients"), json=CLIENT, headers=demo.headers)
    # then
    assert response.status_code == 422 and response.json()["error"] == "unprocessable_entity"
    assert "allowed_scopes" in response.json()["details"]
    listed = await client.get(demo.url("/oauth_clients"), headers=demo.headers)
    assert listed.json()["data"] == []


async def test_a_write_only_token_cannot_create_a_read_client(client, demo, services):
    # given a token holding only write
    write_only = await mint_demo_token(services, scope="write")
    # when
    response = await client.post(
        demo.url("/oauth_clients"), json={**CLIENT, "allowed_scopes": ["read"]}, headers=bearer(write_only)
    )
    # then
    assert response.status_code == 422 and "allowed_scopes" in response.json()["details"]


async def test_an_admin_may_create_a_client_within_their_scopes(client, demo):
    response = await client.post(
        demo.url("/oauth_clients"), json={**CLIENT, "allowed_scopes": ["read"]}, headers=demo.headers
    )
    assert response.status_code == 201 and response.json()["data"]["allowed_scopes"] == ["read"]


async def test_an_admin_cannot_rotate_the_secret_of_a_client_with_a_scope_they_do_not_hold(client, demo, services):
    # given a client the operator allowed directory:read
    created = await operator_client(services, demo.tenant_id, ["read", "directory:read"])
    # when the owner, whose token holds read and write, rotates its secret
    response = await client.post(demo.url(f"/oauth_clients/{created.client.id}/rotate_secret"), headers=demo.headers)
    # then the secret is not handed over and the old one still works
    assert response.status_code == 403
    assert response.json() == {"error": "insufficient_scope", "detail": {"required_scope": "directory:read"}}
    token = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created.client.client_id,
            "client_secret": created.client_secret,
        },
    )
    assert token.status_code == 200


async def test_the_operator_may_create_a_client_with_any_tenant_scope(services, demo):
    created = await operator_client(services, demo.tenant_id, ["read", "write", "directory:read"])
    assert created.client.allowed_scopes == ["read", "write", "directory:read"]


async def test_an_api_key_cannot_get_a_scope_its_creator_does_not_hold(client, demo, services):
    # given a token and an API key holding only write
    write_only = await mint_demo_token(services, scope="write")
    user_id = jwt.decode(write_only, options={"verify_signature": False})["sub"]
    write_key = await api_key(
        client, demo.tenant_id, bearer(await access_token(services, demo.tenant_id, user_id)), ["write"]
    )
    # when each asks for a key that can also read
    answers = [
        await client.post(
            demo.url("/api_keys"), json={"name": "wider", "scopes": ["read", "write"]}, headers=bearer(credential)
        )
        for credential in (write_only, write_key)
    ]
    # then
    for answer in answers:
        assert answer.status_code == 422 and "scopes" in answer.json()["details"]
