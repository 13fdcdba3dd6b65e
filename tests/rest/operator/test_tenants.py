"""`/operator/v1/tenants…` and `/operator/v1/users/resend_verification` over the real app: the
shapes, the refusals (bad input, unknown tenants, tenant credentials), the audit log, and what
each action does to the tenant's people and credentials."""

from __future__ import annotations

import pytest

from registrar.bootstrap import DEMO_OWNER_EMAIL, DEMO_SLUG
from registrar.openapi.components import OPERATOR_TENANT
from tests.support.operator import operator_token
from tests.support.operator_tenants import audit_actions
from tests.support.tenancy import bearer, client_credentials_token
from tests.support.users import make_user, outbox

TENANTS = "/operator/v1/tenants"
ACME = {"name": "Acme Registrar", "slug": "acme"}


@pytest.fixture
async def operator(client, services):
    return await operator_token(client, services)


async def _acme(client, operator, **fields) -> dict:
    created = await client.post(TENANTS, json={**ACME, **fields}, headers=operator.headers)
    assert created.status_code == 201, created.text
    return created.json()["data"]


async def test_operator_creates_shows_lists_and_updates_a_tenant_and_each_change_is_audited(client, operator):
    # when
    created = await _acme(client, operator, iana_registrar_id=1001, transfer_lock_opt_out=True)
    by_slug = await client.get(f"{TENANTS}/acme", headers=operator.headers)
    by_id = await client.get(f"{TENANTS}/{created['id']}", headers=operator.headers)
    updated = await client.patch(
        f"{TENANTS}/acme",
        json={"abuse_email": "abuse@acme.example", "abuse_form_url": "https://acme.example/abuse"},
        headers=operator.headers,
    )
    listed = await client.get(TENANTS, params={"name": "ACME"}, headers=operator.headers)
    # then
    assert set(created) == set(OPERATOR_TENANT["properties"])
    assert created["slug"] == "acme" and created["status"] == "active" and created["iana_registrar_id"] == 1001
    assert created["transfer_lock_opt_out"] is True and created["reseller_approved_at"] is None
    assert by_slug.json() == by_id.json() == {"data": created}
    assert updated.status_code == 200
    assert updated.json()["data"]["abuse_email"] == "abuse@acme.example"
    assert listed.json() == {"data": [updated.json()["data"]], "pagination": {"next_cursor": None, "has_more": False}}
    log = await client.get("/operator/v1/audit_log", params={"tenant_id": created["id"]}, headers=operator.headers)
    entries = log.json()["data"]
    assert [entry["action"] for entry in entries] == ["tenant.update", "tenant.create"]
    assert entries[0]["actor_type"] == "operator_client" and entries[0]["actor_id"] == operator.client_id
    assert entries[0]["diff"]["abuse_email"] == {"from": None, "to": "abuse@acme.example"}


async def test_bad_tenant_input_is_422_naming_every_field(client, operator):
    # when
    created = await client.post(
        TENANTS,
        json={"name": "", "slug": "Acme!", "iana_registrar_id": -1, "abuse_email": "x", "color": "red"},
        headers=operator.headers,
    )
    await _acme(client, operator)
    updated = await client.patch(
        f"{TENANTS}/acme",
        json={"abuse_form_url": "ftp://acme.example", "transfer_lock_opt_out": "no", "status": "suspended"},
        headers=operator.headers,
    )
    # then
    assert created.status_code == 422 and created.json()["error"] == "unprocessable_entity"
    assert set(created.json()["details"]) == {"name", "slug", "iana_registrar_id", "abuse_email", "color"}
    assert updated.status_code == 422
    assert set(updated.json()["details"]) == {"abuse_form_url", "transfer_lock_opt_out", "status"}


async def test_a_body_that_is_not_a_json_object_is_400(client, operator):
    for content in (b"not json", b"[1, 2]"):
        response = await client.post(
            TENANTS, content=content, headers={**operator.headers, "Content-Type": "application/json"}
        )
        assert response.status_code == 400 and response.json()["error"] == "bad_request"


async def test_a_taken_iana_registrar_id_is_422_has_already_been_taken(client, operator):
    # given
    await _acme(client, operator, iana_registrar_id=7)
    await _acme(client, operator, slug="other", name="Other")
    # when
    taken = await client.patch(f"{TENANTS}/other", json={"iana_registrar_id": 7}, headers=operator.headers)
    same_slug = await client.post(TENANTS, json=ACME, headers=operator.headers)
    # then
    assert taken.status_code == 422 and taken.json()["details"] == {"iana_registrar_id": ["has already been taken"]}
    assert same_slug.status_code == 422 and same_slug.json()["details"] == {"slug": ["has already been taken"]}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"name": "X"}),
        ("POST", "/suspend", None),
        ("POST", "/reactivate", None),
        ("POST", "/approve_reseller", None),
        ("POST", "/revoke_reseller", None),
        ("GET", "/members", None),
        ("GET", "/invitations", None),
        ("POST", "/invitations", {"email": "a@example.net", "role": "owner"}),
        ("DELETE", "/invitations/00000000-0000-4000-8000-000000000000", None),
        (
            "POST",
            "/oauth_clients",
            {
                "name": "x",
                "client_type": "confidential",
                "allowed_flows": ["client_credentials"],
                "allowed_scopes": ["read"],
            },
        ),
    ],
)
async def test_an_unknown_tenant_is_404_on_every_tenant_route(client, operator, method, path, body):
    response = await client.request(method, f"{TENANTS}/nobody{path}", json=body, headers=operator.headers)
    assert response.status_code == 404 and response.json() == {"error": "not_found"}


async def test_tenant_credentials_never_reach_the_tenant_routes(client, services, demo):
    for headers, status, code in (({}, 401, "unauthorized"), (demo.headers, 403, "insufficient_scope")):
        for method, path in (("GET", TENANTS), ("POST", TENANTS), ("GET", f"{TENANTS}/{DEMO_SLUG}/members")):
            response = await client.request(method, path, json=ACME if method == "POST" else None, headers=headers)
            assert (response.status_code, response.json()["error"]) == (status, code)
    assert await audit_actions(services) == []


async def test_suspending_revokes_the_tenants_tokens_and_reactivating_lets_new_ones_in(
    client, services, demo, operator
):
    # when
    suspended = await client.post(f"{TENANTS}/{DEMO_SLUG}/suspend", headers=operator.headers)
    refused = await client.get(demo.url("/domains"), headers=demo.headers)
    reactivated = await client.post(f"{TENANTS}/{demo.tenant_id}/reactivate", headers=operator.headers)
    # then
    assert suspended.json()["data"]["status"] == "suspended" and reactivated.json()["data"]["status"] == "active"
    assert refused.status_code == 401
    assert (await client.get(demo.url("/domains"), headers=demo.headers)).status_code == 401
    actions = [entry.action for entry in await audit_actions(services, demo.tenant_id)]
    assert actions == ["tenant.suspend", "tenant.reactivate"]


async def test_reseller_approval_is_set_and_cleared(client, operator):
    await _acme(client, operator)
    approved = await client.post(f"{TENANTS}/acme/approve_reseller", headers=operator.headers)
    revoked = await client.post(f"{TENANTS}/acme/revoke_reseller", headers=operator.headers)
    assert approved.status_code == 200 and approved.json()["data"]["reseller_approved_at"] is not None
    assert revoked.status_code == 200 and revoked.json()["data"]["reseller_approved_at"] is None


async def test_an_invitation_shows_its_token_once_and_seats_the_owner(client, services, operator):
    # given
    tenant = await _acme(client, operator)
    # when
    invited = await client.post(
        f"{TENANTS}/acme/invitations", json={"email": "Boss@Acme.example", "role": "owner"}, headers=operator.headers
    )
    body = invited.json()["data"]
    accepted = await client.post(f"/api/v1/invitations/{body['token']}/accept", json={"password": "a long password!"})
    # then
    assert invited.status_code == 201 and body["email"] == "boss@acme.example" and body["role"] == "owner"
    assert body["accept_url"] == f"{services.settings.public_url}/api/v1/invitations/{body['token']}/accept"
    assert accepted.status_code == 200
    invitations = await client.get(f"{TENANTS}/acme/invitations", headers=operator.headers)
    assert [row["state"] for row in invitations.json()["data"]] == ["accepted"]
    assert body["token"] not in invitations.text
    members = (await client.get(f"{TENANTS}/{tenant['id']}/members", headers=operator.headers)).json()["data"]
    assert [(row["role"], row["user_id"], row["email"], row["email_verified"]) for row in members] == [
        ("owner", accepted.json()["data"]["user_id"], "boss@acme.example", True)
    ]
    log = await client.get("/operator/v1/audit_log", params={"action": "invitation.create"}, headers=operator.headers)
    assert log.json()["data"][0]["diff"]["token"] == {"to": "[redacted]"} and body["token"] not in log.text


async def test_a_revoked_invitation_cannot_be_accepted_or_revoked_again(client, operator):
    # given
    await _acme(client, operator)
    invited = await client.post(
        f"{TENANTS}/acme/invitations", json={"email": "m@acme.example", "role": "member"}, headers=operator.headers
    )
    invitation = invited.json()["data"]
    # when
    revoked = await client.delete(f"{TENANTS}/acme/invitations/{invitation['id']}", headers=operator.headers)
    again = await client.delete(f"{TENANTS}/acme/invitations/{invitation['id']}", headers=operator.headers)
    accepted = await client.post(f"/api/v1/invitations/{invitation['token']}/accept", json={})
    # then
    assert revoked.status_code == 204 and again.status_code == 404 and accepted.status_code == 404


async def test_a_bad_invitation_is_422_naming_the_field(client, operator):
    await _acme(client, operator)
    for body, field in (
        ({"email": "nope", "role": "owner"}, "email"),
        ({"email": "a@b.example", "role": "boss"}, "role"),
    ):
        response = await client.post(f"{TENANTS}/acme/invitations", json=body, headers=operator.headers)
        assert response.status_code == 422 and list(response.json()["details"]) == [field]


async def test_a_tenant_client_made_by_the_operator_gets_tokens_for_that_tenant_only(client, services, demo, operator):
    # when
    created = await client.post(
        f"{TENANTS}/{DEMO_SLUG}/oauth_clients",
        json={
            "name": "billing",
            "client_type": "confidential",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": ["read"],
        },
        headers=operator.headers,
    )
    body = created.json()["data"]
    token = await client_credentials_token(client, body)
    # then
    assert created.status_code == 201 and body["tenant_id"] == demo.tenant_id and body["allowed_scopes"] == ["read"]
    assert token.status_code == 200 and token.json()["scope"] == "read"
    headers = bearer(token.json()["access_token"])
    assert (await client.get(demo.url("/domains"), headers=headers)).status_code == 200
    [entry] = await audit_actions(services, body["client_id"])
    assert entry.action == "oauth_client.create" and entry.diff["client_secret"] == {"to": "[redacted]"}
    assert body["client_secret"] not in str(entry.diff)


@pytest.mark.parametrize("scopes", [["operator"], ["read", "operator"], ["admin"]])
async def test_a_tenant_client_cannot_hold_a_scope_beyond_the_tenant_scopes(client, services, operator, scopes):
    response = await client.post(
        f"{TENANTS}/{(await _acme(client, operator))['id']}/oauth_clients",
        json={
            "name": "x",
            "client_type": "confidential",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": scopes,
        },
        headers=operator.headers,
    )
    assert response.status_code == 422 and list(response.json()["details"]) == ["allowed_scopes"]
    assert "oauth_client.create" not in [entry.action for entry in await audit_actions(services)]


async def test_resend_verification_queues_a_link_and_never_answers_with_the_token(client, services, operator):
    # given
    user = await make_user(services, "new@example.net")
    # when
    response = await client.post(
        "/operator/v1/users/resend_verification", json={"email": "NEW@example.net"}, headers=operator.headers
    )
    # then
    assert response.status_code == 200
    assert response.json() == {
        "data": {"user": {"id": user.id, "email": "new@example.net", "email_verified_at": None}, "status": "queued"}
    }
    [mail] = await outbox(services, "verify_email")
    token = mail.body.split("token=")[1].split()[0]
    assert token not in response.text
    log = await client.get("/operator/v1/audit_log", params={"target_id": user.id}, headers=operator.headers)
    assert log.json()["data"][0]["action"] == "user.resend_verification" and token not in log.text


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 422, "unprocessable_entity"),
        ({"email": 5}, 422, "unprocessable_entity"),
        ({"email": "nobody@example.net"}, 404, "not_found"),
        ({"email": DEMO_OWNER_EMAIL}, 409, "wrong_state_conflict"),
    ],
)
async def test_resend_verification_refusals(client, demo, operator, body, status, code):
    response = await client.post("/operator/v1/users/resend_verification", json=body, headers=operator.headers)
    assert (response.status_code, response.json()["error"]) == (status, code)


async def test_the_tenant_list_pages_and_refuses_a_bad_status_or_cursor(client, operator):
    # given
    for slug in ("t-one", "t-three", "t-two"):
        await _acme(client, operator, slug=slug, name=slug)
    # when
    first = await client.get(TENANTS, params={"limit": "2", "name": "t-"}, headers=operator.headers)
    cursor = first.json()["pagination"]["next_cursor"]
    second = await client.get(TENANTS, params={"limit": "2", "name": "t-", "cursor": cursor}, headers=operator.headers)
    # then
    assert [row["slug"] for row in first.json()["data"]] == ["t-one", "t-three"]
    assert [row["slug"] for row in second.json()["data"]] == ["t-two"]
    for params in ({"status": "gone"}, {"cursor": "MTIz"}, {"limit": "9999"}):
        refused = await client.get(TENANTS, params=params, headers=operator.headers)
        assert refused.status_code == 422 and list(refused.json()["details"]) == list(params)


async def test_creating_a_tenant_twice_with_one_idempotency_key_creates_it_once(client, services, operator):
    headers = {**operator.headers, "Idempotency-Key": "create-acme-1"}
    first = await client.post(TENANTS, json=ACME, headers=headers)
    replay = await client.post(TENANTS, json=ACME, headers=headers)
    assert first.status_code == replay.status_code == 201
    assert replay.json() == first.json() and replay.headers.get("Idempotent-Replayed") == "true"
    assert [entry.action for entry in await audit_actions(services)].count("tenant.create") == 1


@pytest.mark.parametrize("segment", ["%00", "a%00b", "%ED%A0%80", "%FF", "%0D%0A", "a" * 3000, "%25", "acme%20"])
async def test_a_malformed_tenant_reference_is_refused_in_the_envelope_never_a_5xx(client, operator, segment):
    for method, path in (("GET", ""), ("POST", "/suspend"), ("GET", "/members")):
        response = await client.request(method, f"{TENANTS}/{segment}{path}", headers=operator.headers)
        assert response.status_code in (400, 404, 422), response.text
        assert response.json()["error"] in ("bad_request", "not_found", "unprocessable_entity")
