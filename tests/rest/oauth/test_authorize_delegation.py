"""`GET /oauth/authorize` answered to a bearer credential delegates no more than that credential
holds: an API key or a client token cannot authorize at all, the scope stays within the token's
and its tenant, and every code and token derived from a token dies with it."""

from __future__ import annotations

import jwt
from sqlmodel import select

from registrar.bootstrap import mint_demo_token
from registrar.models import AuthorizationCode, Membership, Tenant
from registrar.resolvers.auth.tokens import MAX_DELEGATION_DEPTH
from tests.support.credentials import (
    access_token,
    api_key,
    authorize_params,
    delegated_code,
    delegated_tokens,
    exchange_code,
    introspect,
    refresh,
)
from tests.support.tenancy import bearer, client_credentials_token, create_client, pkce_pair


async def stored_codes(services) -> list[AuthorizationCode]:
    async with services.db.read() as session:
        return list((await session.exec(select(AuthorizationCode))).all())


async def owner_id(services, demo) -> str:
    return jwt.decode(demo.token, options={"verify_signature": False})["sub"]


async def test_an_api_key_cannot_authorize_a_client(client, demo, services):
    # given a read-only API key and an authorization-code client of its tenant
    oauth_client = await create_client(client, demo)
    key = await api_key(client, demo.tenant_id, demo.headers, ["read"])
    # when the key asks for a code, with and without a scope
    answers = [
        await client.get(
            "/oauth/authorize", params=authorize_params(oauth_client, pkce_pair()[1], **extra), headers=bearer(key)
        )
        for extra in ({}, {"scope": "read"}, {"scope": "read write"})
    ]
    # then every request is refused and no code exists
    assert [(answer.status_code, answer.json()["error"]) for answer in answers] == [(403, "access_denied")] * 3
    assert await stored_codes(services) == []


async def test_a_client_token_cannot_authorize_a_client(client, demo, services):
    # given a client_credentials token (no user behind it)
    oauth_client = await create_client(client, demo)
    token = (await client_credentials_token(client, oauth_client)).json()["access_token"]
    # when
    answer = await client.get(
        "/oauth/authorize", params=authorize_params(oauth_client, pkce_pair()[1]), headers=bearer(token)
    )
    # then
    assert answer.status_code == 403 and answer.json()["error"] == "access_denied"
    assert await stored_codes(services) == []


async def test_authorize_refuses_a_scope_beyond_the_bearer_token(client, demo, services):
    # given a read-only token of the tenant's owner
    oauth_client = await create_client(client, demo)
    read_only = await mint_demo_token(services, scope="read")
    # when it asks for read and write
    answer = await client.get(
        "/oauth/authorize",
        params=authorize_params(oauth_client, pkce_pair()[1], scope="read write"),
        headers=bearer(read_only),
    )
    # then
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_scope"
    assert await stored_codes(services) == []


async def test_authorize_without_a_scope_grants_only_what_the_bearer_holds(client, demo, services):
    # given a read-only token and a client allowed read and write
    oauth_client = await create_client(client, demo)
    read_only = await mint_demo_token(services, scope="read")
    # when it authorizes the client without naming a scope
    tokens = await delegated_tokens(client, oauth_client, read_only)
    # then the client gets read only
    assert tokens["scope"] == "read"
    write = await client.post(demo.url("/contacts"), json={}, headers=bearer(tokens["access_token"]))
    assert write.status_code == 403 and write.json()["error"] == "insufficient_scope"


async def test_authorize_refuses_a_token_of_another_tenant(client, demo, services):
    # given the demo owner is also a member of a second tenant and holds a token for it
    oauth_client = await create_client(client, demo)
    user_id = await owner_id(services, demo)
    now = services.clock.now()
    async with services.db.transaction() as session:
        second = Tenant(name="Second", slug="second", inserted_at=now, updated_at=now)
        session.add(second)
        await session.flush()
        session.add(Membership(tenant_id=second.id, user_id=user_id, role="member", inserted_at=now, updated_at=now))
    token = await access_token(services, second.id, user_id)
    # when that token asks for a code of a demo client
    answer = await client.get(
        "/oauth/authorize", params=authorize_params(oauth_client, pkce_pair()[1]), headers=bearer(token)
    )
    # then
    assert answer.status_code == 403 and answer.json()["error"] == "access_denied"
    assert await stored_codes(services) == []


async def test_tokens_of_a_delegated_code_die_with_the_authorizing_token(client, demo, services):
    # given a client holding tokens authorized with a bearer token
    oauth_client = await create_client(client, demo)
    parent = await mint_demo_token(services)
    tokens = await delegated_tokens(client, oauth_client, parent)
    assert (await client.get(demo.url("/domains"), headers=bearer(tokens["access_token"]))).status_code == 200
    # when the authorizing token is revoked
    assert (await client.post("/oauth/revoke", data={"token": parent})).status_code == 200
    # then neither the access token nor the refresh token works any more
    assert (await client.get(demo.url("/domains"), headers=bearer(tokens["access_token"]))).status_code == 401
    refreshed = await refresh(client, oauth_client, tokens["refresh_token"])
    assert refreshed.status_code == 400 and refreshed.json() == {"error": "invalid_grant"}
    assert await introspect(client, oauth_client, tokens["access_token"]) == {"active": False}


async def test_an_unexchanged_code_dies_with_the_authorizing_token(client, demo, services):
    # given a code authorized with a bearer token, not yet exchanged
    oauth_client = await create_client(client, demo)
    parent = await mint_demo_token(services)
    code, verifier = await delegated_code(client, oauth_client, parent)
    # when the token is revoked
    await client.post("/oauth/revoke", data={"token": parent})
    # then the code cannot be exchanged
    answer = await exchange_code(client, oauth_client, code, verifier)
    assert answer.status_code == 400 and answer.json() == {"error": "invalid_grant"}


async def test_refreshed_tokens_still_die_with_the_authorizing_token(client, demo, services):
    # given delegated tokens refreshed once
    oauth_client = await create_client(client, demo)
    parent = await mint_demo_token(services)
    tokens = await delegated_tokens(client, oauth_client, parent)
    rotated = (await refresh(client, oauth_client, tokens["refresh_token"])).json()
    # when the authorizing token is revoked
    await client.post("/oauth/revoke", data={"token": parent})
    # then the refreshed pair is dead too
    assert (await client.get(demo.url("/domains"), headers=bearer(rotated["access_token"]))).status_code == 401
    assert (await refresh(client, oauth_client, rotated["refresh_token"])).status_code == 400


async def test_a_chain_of_delegations_dies_from_its_root(client, demo, services):
    # given a token authorized with a delegated token, itself authorized with the root token
    oauth_client = await create_client(client, demo)
    root = await mint_demo_token(services)
    child = await delegated_tokens(client, oauth_client, root)
    grandchild = await delegated_tokens(client, oauth_client, child["access_token"])
    assert (await client.get(demo.url("/domains"), headers=bearer(grandchild["access_token"]))).status_code == 200
    # when the root is revoked
    await client.post("/oauth/revoke", data={"token": root})
    # then the whole chain is dead
    for tokens in (child, grandchild):
        assert (await client.get(demo.url("/domains"), headers=bearer(tokens["access_token"]))).status_code == 401


async def test_revoking_a_delegated_token_leaves_its_parent_alive(client, demo, services):
    # given delegated tokens
    oauth_client = await create_client(client, demo)
    parent = await mint_demo_token(services)
    tokens = await delegated_tokens(client, oauth_client, parent)
    # when the delegated access token is revoked
    await client.post("/oauth/revoke", data={"token": tokens["access_token"]})
    # then the token that authorized it still works
    assert (await client.get(demo.url("/domains"), headers=bearer(parent))).status_code == 200


async def test_delegation_stops_at_the_depth_limit(client, demo, services):
    # given a chain of delegations as deep as allowed
    oauth_client = await create_client(client, demo)
    token = await mint_demo_token(services)
    for _ in range(MAX_DELEGATION_DEPTH):
        token = (await delegated_tokens(client, oauth_client, token))["access_token"]
    assert (await client.get(demo.url("/domains"), headers=bearer(token))).status_code == 200
    # when its last token asks for one more code
    answer = await client.get(
        "/oauth/authorize", params=authorize_params(oauth_client, pkce_pair()[1]), headers=bearer(token)
    )
    # then
    assert answer.status_code == 403 and answer.json()["error"] == "access_denied"
