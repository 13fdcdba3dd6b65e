"""A tenant's API keys and sign-in sessions over REST: shown once, stored hashed, scoped and
revocable."""

from __future__ import annotations

from sqlmodel import select

from registrar.models import ApiKey
from tests.support.tenancy import bearer, code_grant, create_client


async def test_api_keys_are_shown_once_hashed_scoped_and_revocable(client, demo, services):
    created = await client.post(demo.url("/api_keys"), json={"name": "ci", "scopes": ["read"]}, headers=demo.headers)
    assert created.status_code == 201
    secret = created.json()["data"]["api_key"]
    assert secret.startswith("rk_")
    async with services.db.read() as session:
        row = (await session.exec(select(ApiKey))).one()
    assert secret not in (row.key_hash, row.prefix) and len(row.key_hash) == 64
    headers = {"Authorization": f"Bearer {secret}"}
    assert (await client.get(demo.url("/domains"), headers=headers)).status_code == 200
    write = await client.post(demo.url("/contacts"), json={}, headers=headers)
    assert write.status_code == 403 and write.json()["error"] == "insufficient_scope"
    listed = (await client.get(demo.url("/api_keys"), headers=demo.headers)).json()["data"]
    assert "api_key" not in listed[0]
    assert (await client.delete(demo.url(f"/api_keys/{row.id}"), headers=demo.headers)).status_code == 204
    assert (await client.get(demo.url("/domains"), headers=headers)).status_code == 401


async def test_sessions_are_listed_and_revocable(client, demo):
    oauth_client = await create_client(client, demo)
    tokens = await code_grant(client, demo, oauth_client)
    sessions = (await client.get(demo.url("/sessions"), headers=bearer(tokens["access_token"]))).json()["data"]
    assert len(sessions) == 1 and set(sessions[0]) == {
        "expires_at",
        "id",
        "inserted_at",
        "ip_address",
        "user_agent",
    }
    revoked = await client.delete(demo.url(f"/sessions/{sessions[0]['id']}"), headers=demo.headers)
    assert revoked.status_code == 204
    assert (await client.get(demo.url("/domains"), headers=bearer(tokens["access_token"]))).status_code == 401
    refresh = await client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": oauth_client["client_id"],
            "client_secret": oauth_client["client_secret"],
        },
    )
    assert refresh.status_code == 400
