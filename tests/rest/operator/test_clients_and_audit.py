"""Operator and directory clients, the `operator` scope they alone hold, and the audit log."""

from __future__ import annotations

import pytest

from tests.support.operator import operator_token, platform_token


async def test_operator_client_token_reaches_the_operator_api_and_its_actions_are_audited(client, services):
    # given an operator client's token
    operator = await operator_token(client, services)

    # when it creates a directory client
    created = await client.post(
        "/operator/v1/clients", json={"kind": "directory", "name": "rdap"}, headers=operator.headers
    )

    # then the secret is shown once and the client holds only directory:read
    assert created.status_code == 201, created.text
    body = created.json()["data"]
    assert body["kind"] == "directory" and body["allowed_scopes"] == ["directory:read"]
    assert len(body["client_secret"]) >= 32
    listed = await client.get("/operator/v1/clients", headers=operator.headers)
    assert "client_secret" not in listed.json()["data"][0]
    token = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": body["client_id"],
            "client_secret": body["client_secret"],
        },
    )
    assert token.json()["scope"] == "directory:read"

    # and both creations are in the audit log, newest first, the secret redacted
    log = await client.get("/operator/v1/audit_log", headers=operator.headers)
    assert log.status_code == 200
    entries = log.json()["data"]
    assert [entry["action"] for entry in entries[:2]] == ["directory_client.create", "operator_client.create"]
    assert entries[0]["actor_type"] == "operator_client" and entries[0]["actor_id"] == operator.client_id
    assert entries[0]["diff"]["client_secret"] == {"to": "[redacted]"}
    assert entries[1]["actor_type"] == "cli"
    assert body["client_secret"] not in log.text


async def test_operator_api_refuses_every_tenant_credential(client, services, demo):
    # given the demo owner's read+write token and a directory client's token
    directory = await platform_token(client, services, "directory")

    for headers, status, code in (
        ({}, 401, "unauthorized"),
        ({"Authorization": "Bearer nonsense"}, 401, "unauthorized"),
        (demo.headers, 403, "insufficient_scope"),
        (directory.headers, 403, "insufficient_scope"),
    ):
        # when each reads the audit log
        response = await client.get("/operator/v1/audit_log", headers=headers)

        # then it is refused in the house envelope
        assert response.status_code == status
        assert response.json()["error"] == code


async def test_an_operator_token_cannot_reach_tenant_routes(client, services, demo):
    operator = await operator_token(client, services)

    response = await client.get(demo.url("/domains"), headers=operator.headers)

    assert response.status_code == 403
    assert response.json()["error"] == "tenant_mismatch"


@pytest.mark.parametrize("scopes", [["operator"], ["read", "operator"]])
async def test_tenants_cannot_create_a_client_with_the_operator_scope(client, demo, scopes):
    response = await client.post(
        demo.url("/oauth_clients"),
        json={
            "name": "x",
            "client_type": "confidential",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": scopes,
        },
        headers=demo.headers,
    )

    assert response.status_code == 422
    assert "allowed_scopes" in response.json()["details"]


async def test_an_operator_token_cannot_ask_for_a_tenant_scope(client, services):
    operator = await operator_token(client, services)
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": operator.client_id,
            "client_secret": operator.client_secret,
            "scope": "read",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_revoking_an_operator_client_kills_its_token(client, services):
    operator = await operator_token(client, services)
    other = await operator_token(client, services)

    revoked = await client.post(f"/operator/v1/clients/{other.client_id}/revoke", headers=operator.headers)

    assert revoked.status_code == 200
    assert (await client.get("/operator/v1/audit_log", headers=other.headers)).status_code == 401


async def test_audit_log_filters_and_pages(client, services):
    operator = await operator_token(client, services)
    for name in ("a", "b", "c"):
        await client.post("/operator/v1/clients", json={"kind": "directory", "name": name}, headers=operator.headers)

    first = await client.get(
        "/operator/v1/audit_log", params={"action": "directory_client.create", "limit": "2"}, headers=operator.headers
    )
    second = await client.get(
        "/operator/v1/audit_log",
        params={"action": "directory_client.create", "limit": "2", "cursor": first.json()["pagination"]["next_cursor"]},
        headers=operator.headers,
    )

    assert first.json()["pagination"]["has_more"] is True
    assert len(first.json()["data"]) == 2 and len(second.json()["data"]) == 1
    assert second.json()["pagination"] == {"next_cursor": None, "has_more": False}
    bad = await client.get("/operator/v1/audit_log", params={"cursor": "!!"}, headers=operator.headers)
    assert bad.status_code == 422
