"""`/operator/v1/registry_bindings…` and `/operator/v1/tenants/{tenant}/registry_accounts…`:
shapes (the published components, never a secret), codes, the audit log, and the connectivity
test answering 200 with its report whatever the registry does."""

from __future__ import annotations

import socket

import pytest

from registrar.epp.sandbox.faults import Fault
from registrar.openapi.components import COMPONENTS
from tests.support.factories import make_tenant
from tests.support.operator import operator_token
from tests.support.registry_operator import sandbox_registrar

BINDINGS = "/operator/v1/registry_bindings"


def accounts_url(tenant: str, suffix: str = "") -> str:
    return f"/operator/v1/tenants/{tenant}/registry_accounts{suffix}"


def component_keys(name: str) -> set[str]:
    return set(COMPONENTS[name]["properties"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
async def operator(client, services):
    return await operator_token(client, services)


async def audit_log(client, operator, action: str) -> list[dict]:
    response = await client.get("/operator/v1/audit_log", params={"action": action}, headers=operator.headers)
    return response.json()["data"]


# --- bindings -----------------------------------------------------------------------------------


async def test_create_answers_the_binding_component_and_is_audited_as_the_operator_client(client, operator):
    # when
    response = await client.post(
        BINDINGS,
        json={"name": "ote", "host": "epp.example.net", "port": 700, "tlds": ["Com"], "commands_per_minute": 120},
        headers=operator.headers,
    )
    # then
    assert response.status_code == 201, response.text
    body = response.json()["data"]
    assert set(body) == component_keys("RegistryBinding")
    assert (body["name"], body["tlds"], body["commands_per_minute"], body["ca_pem"]) == ("ote", ["com"], 120, None)
    (entry,) = await audit_log(client, operator, "registry_binding.create")
    assert (entry["actor_type"], entry["actor_id"], entry["target_id"]) == (
        "operator_client",
        operator.client_id,
        "ote",
    )


async def test_bad_values_are_422_with_details_and_a_taken_name_409(client, operator):
    bad = await client.post(
        BINDINGS, json={"name": "x", "host": "https://x.example", "port": 0, "tlds": ["-"]}, headers=operator.headers
    )
    assert bad.status_code == 422
    assert set(bad.json()["details"]) == {"host", "port", "tlds"}
    await client.post(BINDINGS, json={"name": "x", "host": "x.example"}, headers=operator.headers)
    taken = await client.post(BINDINGS, json={"name": "x", "host": "y.example"}, headers=operator.headers)
    assert (taken.status_code, taken.json()["error"]) == (409, "already_exists")


async def test_list_show_and_a_partial_update(client, operator, demo):
    # when
    patched = await client.patch(f"{BINDINGS}/sandbox", json={"names_per_check": 10}, headers=operator.headers)
    listed = await client.get(BINDINGS, headers=operator.headers)
    shown = await client.get(f"{BINDINGS}/sandbox", headers=operator.headers)
    # then
    assert patched.status_code == 200 and patched.json()["data"]["names_per_check"] == 10
    assert [row["name"] for row in listed.json()["data"]] == ["sandbox"]
    assert shown.json()["data"]["tlds"] == ["test", "example"]
    assert "BEGIN CERTIFICATE" in shown.json()["data"]["ca_pem"]
    missing = await client.get(f"{BINDINGS}/nowhere", headers=operator.headers)
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")


async def test_dropping_a_tld_in_use_is_409(client, operator, demo):
    response = await client.patch(f"{BINDINGS}/sandbox", json={"tlds": []}, headers=operator.headers)
    assert (response.status_code, response.json()["error"]) == (409, "in_use")


async def test_the_connectivity_test_reports_the_greeting_and_the_login(client, operator, demo):
    # when
    response = await client.post(f"{BINDINGS}/sandbox/test", headers=operator.headers)
    # then
    assert response.status_code == 200, response.text
    body = response.json()["data"]
    assert (body["binding"], body["reachable"], body["logged_in"], body["error"]) == ("sandbox", True, True, None)
    assert set(body["greeting"]) == {"server_id", "server_date", "versions", "languages", "objects", "extensions"}
    assert body["greeting"]["versions"] == ["1.0"] and isinstance(body["latency_ms"], int)


@pytest.mark.parametrize("fault", ["closed_port", "refused_login"])
async def test_the_connectivity_test_answers_200_when_the_registry_fails(client, operator, demo, sandbox, fault):
    # given
    if fault == "closed_port":
        await client.patch(f"{BINDINGS}/sandbox", json={"port": free_port()}, headers=operator.headers)
    else:
        sandbox.faults.inject("login", Fault("result", code=2200))
    # when
    response = await client.post(f"{BINDINGS}/sandbox/test", json={}, headers=operator.headers)
    # then
    assert response.status_code == 200, response.text
    body = response.json()["data"]
    assert body["logged_in"] is False
    assert body["error"]["code"] in ("registry_unavailable", "registry_authorization_error")
    assert body["reachable"] is (fault == "refused_login")


async def test_the_connectivity_test_of_an_unknown_binding_or_account(client, operator, demo):
    unknown = await client.post(f"{BINDINGS}/nowhere/test", headers=operator.headers)
    assert unknown.status_code == 404
    account = await client.post(
        f"{BINDINGS}/sandbox/test", json={"registry_account_id": "nope"}, headers=operator.headers
    )
    assert (account.status_code, list(account.json()["details"])) == (422, ["registry_account_id"])


async def test_tenant_credentials_cannot_reach_the_registry_routes(client, demo):
    for headers, status in (({}, 401), (demo.headers, 403)):
        assert (await client.get(BINDINGS, headers=headers)).status_code == status
        assert (await client.get(accounts_url(demo.tenant_id), headers=headers)).status_code == status


# --- accounts -----------------------------------------------------------------------------------


async def test_an_account_is_created_listed_and_shown_without_any_secret(client, operator, demo, sandbox_pki):
    # when
    created = await client.post(
        accounts_url("demo"),
        json={
            "registry_binding": "sandbox",
            "name": "backup",
            "clid": "demo-registrar",
            "password": "Backup-pw-1",
            "cert_pem": sandbox_pki.client.cert_pem.decode(),
            "key_pem": sandbox_pki.client.key_pem.decode(),
        },
        headers=operator.headers,
    )
    listed = await client.get(accounts_url(demo.tenant_id), headers=operator.headers)
    # then
    assert created.status_code == 201, created.text
    body = created.json()["data"]
    assert set(body) == component_keys("RegistryAccount")
    assert (body["name"], body["is_default"], body["tenant_id"]) == ("backup", False, demo.tenant_id)
    shown = await client.get(accounts_url("demo", f"/{body['id']}"), headers=operator.headers)
    assert shown.json()["data"] == body
    assert [row["name"] for row in listed.json()["data"]] == ["backup", "primary"]
    for response in (created, listed, shown):
        assert "Backup-pw-1" not in response.text and "PRIVATE KEY" not in response.text
    (entry,) = await audit_log(client, operator, "registry_account.create")
    assert entry["diff"]["password"] == {"to": "[redacted]"}


async def test_account_creation_refusals(client, operator, demo):
    body = {"registry_binding": "sandbox", "name": "primary", "clid": "x", "password": "short"}
    bad = await client.post(accounts_url("demo"), json=body, headers=operator.headers)
    assert (bad.status_code, set(bad.json()["details"])) == (422, {"clid", "password"})
    body.update(clid="demo-registrar", password="Long-enough1")
    taken = await client.post(accounts_url("demo"), json=body, headers=operator.headers)
    assert (taken.status_code, taken.json()["error"]) == (409, "already_exists")
    nobody = await client.post(accounts_url("nobody"), json=body, headers=operator.headers)
    assert nobody.status_code == 404


async def test_disable_enable_set_default_and_delete(client, operator, demo):
    # given
    created = await client.post(
        accounts_url("demo"),
        json={"registry_binding": "sandbox", "name": "spare", "clid": "spare-reg", "password": "Spare-pw-1"},
        headers=operator.headers,
    )
    spare = accounts_url("demo", f"/{created.json()['data']['id']}")
    # when / then
    disabled = await client.post(f"{spare}/disable", headers=operator.headers)
    assert disabled.json()["data"]["state"] == "disabled"
    refused = await client.post(f"{spare}/set_default", headers=operator.headers)
    assert (refused.status_code, refused.json()["error"]) == (422, "registry_account_unavailable")
    await client.post(f"{spare}/enable", headers=operator.headers)
    made = await client.post(f"{spare}/set_default", headers=operator.headers)
    assert made.json()["data"]["is_default"] is True
    deleted = await client.delete(spare, headers=operator.headers)
    assert deleted.status_code == 204
    assert (await client.get(spare, headers=operator.headers)).status_code == 404
    actions = [
        entry["action"]
        for entry in (await client.get("/operator/v1/audit_log", headers=operator.headers)).json()["data"]
    ]
    assert actions[:5] == [
        "registry_account.delete",
        "registry_account.set_default",
        "registry_account.enable",
        "registry_account.disable",
        "registry_account.create",
    ]


async def test_deleting_an_account_in_use_is_409(client, operator, demo):
    (primary,) = (await client.get(accounts_url("demo"), headers=operator.headers)).json()["data"]
    response = await client.delete(accounts_url("demo", f"/{primary['id']}"), headers=operator.headers)
    assert (response.status_code, response.json()["error"]) == (409, "in_use")
    assert response.json()["detail"] == {"tld_associations": 2}


async def test_rotate_password_changes_it_at_the_registry(client, operator, demo, sandbox):
    async with sandbox_registrar(sandbox) as registrar:
        # given
        created = await client.post(
            accounts_url("demo"),
            json={
                "registry_binding": "sandbox",
                "name": "rotating",
                "clid": registrar.clid,
                "password": registrar.password,
                "cert_pem": registrar.cert_pem,
                "key_pem": registrar.key_pem,
            },
            headers=operator.headers,
        )
        account = accounts_url("demo", f"/{created.json()['data']['id']}")
        # when
        bad = await client.post(f"{account}/rotate_password", json={"new_password": "x"}, headers=operator.headers)
        rotated = await client.post(
            f"{account}/rotate_password", json={"new_password": "Rotated-pw-2"}, headers=operator.headers
        )
        # then
        assert (bad.status_code, list(bad.json()["details"])) == (422, ["new_password"])
        assert rotated.status_code == 200, rotated.text
        assert rotated.json()["data"]["rotated_at"] is not None
        assert sandbox.accounts[registrar.clid] == "Rotated-pw-2"
        assert "Rotated-pw-2" not in rotated.text


async def test_a_refused_rotation_is_422_and_an_account_of_another_tenant_404(
    client, services, operator, demo, sandbox
):
    (primary,) = (await client.get(accounts_url("demo"), headers=operator.headers)).json()["data"]
    sandbox.faults.inject("login", Fault("result", code=2200))
    refused = await client.post(
        accounts_url("demo", f"/{primary['id']}/rotate_password"),
        json={"new_password": "Never-used-1"},
        headers=operator.headers,
    )
    assert (refused.status_code, refused.json()["error"]) == (422, "registry_authorization_error")
    await make_tenant(services, slug="acme")
    foreign = await client.post(accounts_url("acme", f"/{primary['id']}/disable"), headers=operator.headers)
    assert foreign.status_code == 404
