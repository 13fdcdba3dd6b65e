"""The OAuth token endpoint: client_credentials, authorization code + PKCE, refresh rotation
with reuse detection, revocation and introspection."""

from __future__ import annotations

import asyncio

import jwt
import pytest
from sqlmodel import select

from registrar.models import OAuthClient, OAuthToken
from tests.support.tenancy import (
    REDIRECT,
    authorization_code,
    bearer,
    client_credentials_token,
    code_grant,
    create_client,
    pkce_pair,
)


async def test_client_credentials_token_reaches_the_tenant_api(client, demo, services):
    oauth_client = await create_client(client, demo)
    assert oauth_client["client_secret"]
    async with services.db.read() as session:
        row = (await session.exec(select(OAuthClient).where(OAuthClient.client_id == oauth_client["client_id"]))).one()
    assert row.secret_hash.startswith("$argon2")
    response = await client_credentials_token(client, oauth_client)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert response.headers["cache-control"] == "no-store"
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["tenant_id"] == demo.tenant_id and claims.get("sub") is None and claims["scope"] == "read write"
    listing = await client.get(demo.url("/domains"), headers=bearer(body["access_token"]))
    assert listing.status_code == 200


async def test_client_credentials_rejects_bad_secret_scope_and_grant(client, demo):
    oauth_client = await create_client(client, demo)
    wrong = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": oauth_client["client_id"],
            "client_secret": "nope",
        },
    )
    assert wrong.status_code == 401 and wrong.json() == {"error": "invalid_client"}
    scope = await client_credentials_token(client, oauth_client, scope="operator")
    assert scope.status_code == 400 and scope.json()["error"] == "invalid_scope"
    grant = await client.post("/oauth/token", data={"grant_type": "password"})
    assert grant.status_code == 400 and grant.json() == {"error": "unsupported_grant_type"}
    garbage = await client.post(
        "/oauth/token",
        content=b"\xff\xfe",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert garbage.status_code == 400


async def test_client_secret_basic_authentication_works(client, demo):
    oauth_client = await create_client(client, demo)
    response = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(oauth_client["client_id"], oauth_client["client_secret"]),
    )
    assert response.status_code == 200


async def test_rotating_the_secret_invalidates_the_old_one_at_once(client, demo):
    oauth_client = await create_client(client, demo)
    rotated = await client.post(demo.url(f"/oauth_clients/{oauth_client['id']}/rotate_secret"), headers=demo.headers)
    assert rotated.status_code == 200
    new_secret = rotated.json()["data"]["client_secret"]
    assert rotated.json()["data"]["client_id"] == oauth_client["client_id"]
    assert (await client_credentials_token(client, oauth_client)).status_code == 401
    assert (await client_credentials_token(client, {**oauth_client, "client_secret": new_secret})).status_code == 200


async def test_revoking_a_client_kills_its_tokens(client, demo):
    oauth_client = await create_client(client, demo)
    token = (await client_credentials_token(client, oauth_client)).json()["access_token"]
    assert (
        await client.delete(demo.url(f"/oauth_clients/{oauth_client['id']}"), headers=demo.headers)
    ).status_code == 204
    assert (await client.get(demo.url("/domains"), headers=bearer(token))).status_code == 401
    assert (await client.get(demo.url(f"/oauth_clients/{oauth_client['id']}"), headers=demo.headers)).status_code == 404


async def test_public_client_cannot_use_client_credentials_nor_rotate(client, demo):
    bad = await client.post(
        demo.url("/oauth_clients"),
        json={
            "name": "spa",
            "client_type": "public",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": ["read"],
        },
        headers=demo.headers,
    )
    assert bad.status_code == 422
    public = await create_client(client, demo, client_type="public", allowed_flows=["authorization_code"])
    assert "client_secret" not in public
    rotate = await client.post(demo.url(f"/oauth_clients/{public['id']}/rotate_secret"), headers=demo.headers)
    assert rotate.status_code == 422 and rotate.json()["error"] == "public_client"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {
            "name": "x",
            "client_type": "weird",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": ["read"],
        },
        {
            "name": "x",
            "client_type": "confidential",
            "allowed_flows": ["authorization_code"],
            "allowed_scopes": ["read"],
        },
        {
            "name": "x",
            "client_type": "confidential",
            "allowed_flows": ["implicit"],
            "allowed_scopes": ["read"],
        },
        {
            "name": "x",
            "client_type": "confidential",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": ["operator"],
        },
        {
            "name": "x",
            "client_type": "confidential",
            "allowed_flows": ["authorization_code"],
            "allowed_scopes": ["read"],
            "redirect_uris": ["http://evil.example/cb"],
        },
        {
            "name": "x",
            "client_type": "confidential",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": ["read"],
            "access_token_ttl_seconds": 5,
        },
    ],
)
async def test_client_registration_validates_every_field(client, demo, body):
    response = await client.post(demo.url("/oauth_clients"), json=body, headers=demo.headers)
    assert response.status_code == 422
    assert response.json()["error"] == "unprocessable_entity"


async def test_authorization_code_with_pkce_issues_tokens_once(client, demo):
    oauth_client = await create_client(client, demo)
    verifier, challenge = pkce_pair()
    code = await authorization_code(client, demo, oauth_client, challenge)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": REDIRECT,
        "client_id": oauth_client["client_id"],
        "client_secret": oauth_client["client_secret"],
    }
    first = await client.post("/oauth/token", data=form)
    assert first.status_code == 200
    assert {"access_token", "refresh_token"} <= set(first.json())
    claims = jwt.decode(first.json()["access_token"], options={"verify_signature": False})
    assert claims["sub"] is not None and claims["tenant_id"] == demo.tenant_id
    second = await client.post("/oauth/token", data=form)
    assert second.status_code == 400 and second.json() == {"error": "invalid_grant"}


@pytest.mark.parametrize("tamper", ["verifier", "redirect", "client"])
async def test_authorization_code_refuses_a_wrong_verifier_redirect_or_client(client, demo, tamper):
    oauth_client = await create_client(client, demo)
    other = await create_client(client, demo, name="other")
    verifier, challenge = pkce_pair()
    code = await authorization_code(client, demo, oauth_client, challenge)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": REDIRECT,
        "client_id": oauth_client["client_id"],
        "client_secret": oauth_client["client_secret"],
    }
    if tamper == "verifier":
        form["code_verifier"] = pkce_pair()[0]
    elif tamper == "redirect":
        form["redirect_uri"] = REDIRECT + "/other"
    else:
        form["client_id"], form["client_secret"] = other["client_id"], other["client_secret"]
    response = await client.post("/oauth/token", data=form)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


async def test_authorization_code_expires_after_ten_minutes(client, demo, clock):
    oauth_client = await create_client(client, demo)
    verifier, challenge = pkce_pair()
    code = await authorization_code(client, demo, oauth_client, challenge)
    clock.advance(minutes=11)
    try:
        response = await client.post(
            "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "code_verifier": verifier,
                "redirect_uri": REDIRECT,
                "client_id": oauth_client["client_id"],
                "client_secret": oauth_client["client_secret"],
            },
        )
    finally:
        clock.advance(minutes=-11)
    assert response.json() == {"error": "invalid_grant"}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": None}, "invalid_request"),
        ({"redirect_uri": "http://127.0.0.1:8765/elsewhere"}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"client_id": "unknown"}, "invalid_request"),
        ({"scope": "operator"}, "invalid_scope"),
    ],
)
async def test_authorize_rejects_bad_requests(client, demo, change, code):
    oauth_client = await create_client(client, demo)
    params = {
        "response_type": "code",
        "client_id": oauth_client["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": pkce_pair()[1],
        "code_challenge_method": "S256",
    }
    params.update(change)
    params = {k: v for k, v in params.items() if v is not None}
    response = await client.get("/oauth/authorize", params=params, headers=demo.headers)
    assert response.json()["error"] == code


async def test_refresh_rotates_and_reuse_revokes_the_whole_family(client, demo, services):
    oauth_client = await create_client(client, demo)
    tokens = await code_grant(client, demo, oauth_client)
    refresh = {
        "grant_type": "refresh_token",
        "refresh_token": tokens["refresh_token"],
        "client_id": oauth_client["client_id"],
        "client_secret": oauth_client["client_secret"],
    }
    rotated = await client.post("/oauth/token", data=refresh)
    assert rotated.status_code == 200
    new_tokens = rotated.json()
    assert new_tokens["refresh_token"] != tokens["refresh_token"]
    assert (await client.get(demo.url("/domains"), headers=bearer(new_tokens["access_token"]))).status_code == 200
    # the old refresh token comes back: theft is assumed
    reuse = await client.post("/oauth/token", data=refresh)
    assert reuse.status_code == 400 and reuse.json() == {"error": "invalid_grant"}
    assert (await client.get(demo.url("/domains"), headers=bearer(new_tokens["access_token"]))).status_code == 401
    follow_up = await client.post("/oauth/token", data={**refresh, "refresh_token": new_tokens["refresh_token"]})
    assert follow_up.status_code == 400


async def test_two_concurrent_refreshes_yield_one_pair_and_revoke_the_family(client, demo, services):
    oauth_client = await create_client(client, demo)
    tokens = await code_grant(client, demo, oauth_client)
    refresh = {
        "grant_type": "refresh_token",
        "refresh_token": tokens["refresh_token"],
        "client_id": oauth_client["client_id"],
        "client_secret": oauth_client["client_secret"],
    }
    first, second = await asyncio.gather(
        client.post("/oauth/token", data=refresh), client.post("/oauth/token", data=refresh)
    )
    assert sorted([first.status_code, second.status_code]) == [200, 400]


async def test_revoke_and_introspect(client, demo):
    oauth_client = await create_client(client, demo)
    token = (await client_credentials_token(client, oauth_client)).json()["access_token"]
    credentials = (oauth_client["client_id"], oauth_client["client_secret"])
    active = (await client.post("/oauth/introspect", data={"token": token}, auth=credentials)).json()
    assert active["active"] is True and active["tenant_id"] == demo.tenant_id and active["scope"] == "read write"
    assert active["token_type"] == "Bearer" and active["client_id"] == oauth_client["id"]
    revoked = await client.post("/oauth/revoke", data={"token": token})
    assert revoked.status_code == 200 and revoked.content == b""
    assert (await client.post("/oauth/introspect", json={"token": token}, auth=credentials)).json() == {"active": False}
    assert (await client.get(demo.url("/domains"), headers=bearer(token))).status_code == 401
    for junk in ("", "garbage", token):
        assert (await client.post("/oauth/revoke", data={"token": junk})).status_code == 200
    garbage = await client.post("/oauth/introspect", data={"token": "garbage"}, auth=credentials)
    assert garbage.json() == {"active": False}


async def test_refresh_token_is_not_a_bearer_credential(client, demo):
    oauth_client = await create_client(client, demo)
    tokens = await code_grant(client, demo, oauth_client)
    assert (await client.get(demo.url("/domains"), headers=bearer(tokens["refresh_token"]))).status_code == 401


async def test_metadata_and_dynamic_registration_switch(client, services):
    metadata = (await client.get("/.well-known/oauth-authorization-server")).json()
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert "registration_endpoint" not in metadata
    off = await client.post("/oauth/register", json={"redirect_uris": ["http://127.0.0.1:5000/cb"]})
    assert off.status_code == 404


async def test_dynamic_registration_when_enabled(client, services, monkeypatch):
    from dataclasses import replace

    object.__setattr__(services, "settings", replace(services.settings, dcr_enabled=True))
    metadata = (await client.get("/.well-known/oauth-authorization-server")).json()
    assert metadata["registration_endpoint"].endswith("/oauth/register")
    created = await client.post(
        "/oauth/register",
        json={"redirect_uris": ["http://127.0.0.1:51351/callback"], "client_name": "cli"},
    )
    assert created.status_code == 201
    body = created.json()
    assert body["client_type"] == "public" and body["token_endpoint_auth_method"] == "none"
    assert body["grant_types"] == ["authorization_code", "refresh_token"]
    missing = await client.post("/oauth/register", json={"client_name": "cli"})
    assert missing.status_code == 422


async def test_tokens_are_recorded_for_revocation(client, demo, services):
    oauth_client = await create_client(client, demo)
    token = (await client_credentials_token(client, oauth_client)).json()["access_token"]
    jti = jwt.decode(token, options={"verify_signature": False})["jti"]
    async with services.db.read() as session:
        row = (await session.exec(select(OAuthToken).where(OAuthToken.jti == jti))).one()
    assert row.token_type == "access" and row.revoked_at is None


async def test_token_endpoint_is_rate_limited_with_retry_after(client, demo, services):
    from dataclasses import replace

    object.__setattr__(services, "settings", replace(services.settings, token_rate_limit=3))
    statuses = [(await client.post("/oauth/token", data={"grant_type": "nope"})).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    limited = await client.post("/oauth/token", data={"grant_type": "nope"})
    assert limited.json()["error"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 60


async def test_revoking_a_client_retires_its_unused_authorization_codes(client, demo):
    oauth_client = await create_client(client, demo)
    verifier, challenge = pkce_pair()
    code = await authorization_code(client, demo, oauth_client, challenge)
    assert (
        await client.delete(demo.url(f"/oauth_clients/{oauth_client['id']}"), headers=demo.headers)
    ).status_code == 204
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": REDIRECT,
            "client_id": oauth_client["client_id"],
            "client_secret": oauth_client["client_secret"],
        },
    )
    assert response.status_code in (400, 401)
