"""OAuth helpers for tests: clients, PKCE pairs, token requests."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any

REDIRECT = "http://127.0.0.1:8765/callback"


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


async def create_client(client, demo, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "integration",
        "client_type": "confidential",
        "allowed_flows": ["client_credentials", "authorization_code"],
        "allowed_scopes": ["read", "write"],
        "redirect_uris": [REDIRECT],
        "refresh_token_ttl_seconds": 3600,
    }
    body.update(overrides)
    response = await client.post(demo.url("/oauth_clients"), json=body, headers=demo.headers)
    assert response.status_code == 201, response.text
    return response.json()["data"]


async def client_credentials_token(client, oauth_client: dict[str, Any], **extra: str):
    form = {
        "grant_type": "client_credentials",
        "client_id": oauth_client["client_id"],
        "client_secret": oauth_client["client_secret"],
        **extra,
    }
    return await client.post("/oauth/token", data=form)


async def authorization_code(client, demo, oauth_client: dict[str, Any], challenge: str, state: str = "xyz") -> str:
    params = {
        "response_type": "code",
        "client_id": oauth_client["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": state,
    }
    response = await client.get("/oauth/authorize", params=params, headers=demo.headers)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["state"] == state
    return response.json()["data"]["code"]


async def code_grant(client, demo, oauth_client: dict[str, Any]) -> dict[str, Any]:
    verifier, challenge = pkce_pair()
    code = await authorization_code(client, demo, oauth_client, challenge)
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": REDIRECT,
            "client_id": oauth_client["client_id"],
            "client_secret": oauth_client.get("client_secret", ""),
        },
    )
    assert response.status_code == 200, response.text
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
