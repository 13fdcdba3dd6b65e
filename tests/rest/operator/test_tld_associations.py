"""`/operator/v1/tenants/{tenant}/tld_associations…`: the operator gives a tenant its TLDs —
and a brand-new tenant can then check, quote and register a domain at the sandbox."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.support.factories import make_tenant
from tests.support.operator import operator_token
from tests.support.registry import registry_view
from tests.support.rest import create_contact, quote, register
from tests.support.tld_setup import add_domain, sandbox_account, tenant_on_two_bindings


@dataclass(frozen=True)
class TenantCaller:
    """A tenant's own token, shaped as the register-path helpers expect."""

    tenant_id: str
    headers: dict[str, str]

    def url(self, path: str) -> str:
        return f"/api/v1/tenants/{self.tenant_id}{path}"


def associations_url(tenant: str, suffix: str = "") -> str:
    return f"/operator/v1/tenants/{tenant}/tld_associations{suffix}"


@pytest.fixture
async def operator(client, services):
    return await operator_token(client, services)


@pytest.fixture
async def acme(services):
    return await tenant_on_two_bindings(services)


async def test_a_new_tenant_registers_its_first_domain_once_the_operator_has_associated_and_priced_a_tld(
    client, services, demo, operator
):
    # given a brand-new tenant with an account on the sandbox binding, which cannot sell yet
    tenant = await make_tenant(services, slug="newco")
    caller = TenantCaller(tenant.tenant_id, tenant.headers)
    account = await sandbox_account(services, demo, tenant.tenant_id)
    refused = await client.post(
        caller.url("/quotes"), json={"fqdn": "first.test", "operation": "register", "period": 1}, headers=caller.headers
    )
    assert refused.status_code == 422 and refused.json()["error"] == "tld_not_associated"

    # when the operator associates `test` and prices it, through its own routes only
    created = await client.post(
        associations_url("newco"),
        json={"tld": "test", "accreditation_type": "icann_accredited", "registry_account_id": account.id},
        headers=operator.headers,
    )
    assert created.status_code == 201, created.text
    priced = await client.put(
        "/operator/v1/tenants/newco/rate_card",
        json={"tld": "test", "operation": "register", "period": 1, "amount": "8.50", "currency": "USD"},
        headers=operator.headers,
    )
    assert priced.status_code == 200, priced.text
    imported = await client.post(
        "/operator/v1/tenants/newco/rate_card/import",
        content="tld,operation,period,tier,premium_class,amount,currency\ntest,renew,1,,,9.50,USD\ntest,restore,,,,60,USD\n",
        headers={**operator.headers, "Content-Type": "text/csv"},
    )
    assert imported.status_code == 200, imported.text

    # then the tenant's own token checks, quotes and registers
    check = await client.post(caller.url("/domains/check"), json={"name": "first.test"}, headers=caller.headers)
    assert check.status_code == 200, check.text
    assert check.json()["data"]["status"] == "available"
    quote_id = await quote(client, caller, "first.test")
    quoted = await client.get(caller.url("/tlds/test/rate_card"), headers=caller.headers)
    assert [entry["amount"] for entry in quoted.json()["data"]["entries"]][:1] == ["8.5000"]
    await create_contact(client, caller)
    registered = await register(client, caller, "first.test", quote_id=quote_id, nameservers=[])
    assert registered.status_code == 201, registered.text
    domain = registered.json()["data"]
    assert domain["state"] == "registered" and domain["registry_account_id"] == account.id
    assert (await registry_view(services, "first.test")).name == "first.test"


async def test_create_answers_the_association_in_the_tenant_reads_shape(client, services, operator, acme):
    # given
    tenant, alpha, _ = acme
    # when
    created = await client.post(
        associations_url(tenant.tenant_id),
        json={
            "tld": "SHOP",
            "accreditation_type": "non_icann",
            "registry_account_id": alpha.id,
            "config": {"transfer_lock_days": 0},
        },
        headers=operator.headers,
    )
    # then
    assert created.status_code == 201, created.text
    body = created.json()["data"]
    assert body["tld"] == "shop" and body["registry_account_id"] == alpha.id and body["state"] == "active"
    assert body["config"]["transfer_lock_days"] == 0 and body["config"]["auto_renewal_mode"] == "AUTORENEW"
    tenant_read = await client.get(f"/api/v1/tenants/{tenant.tenant_id}/tld_associations/shop", headers=tenant.headers)
    assert tenant_read.json()["data"] == body
    listed = await client.get(associations_url("acme"), headers=operator.headers)
    assert listed.json()["data"] == [body]
    shown = await client.get(associations_url("acme", f"/{body['id']}"), headers=operator.headers)
    assert shown.json()["data"] == body
    log = await client.get(
        "/operator/v1/audit_log", params={"action": "tld_association.create"}, headers=operator.headers
    )
    assert log.json()["data"][0]["target_id"] == body["id"]
    assert log.json()["data"][0]["actor_id"] == operator.client_id


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"tld": "no tld"}, 422, "unprocessable_entity", "tld"),
        ({"accreditation_type": "cc"}, 422, "unprocessable_entity", "accreditation_type"),
        ({"registry_account_id": "nope"}, 422, "unprocessable_entity", "registry_account_id"),
        ({"config": {"dnssec_supported": "no"}}, 422, "unprocessable_entity", "config.dnssec_supported"),
        ({"config": {"colour": "red"}}, 422, "unprocessable_entity", "config.colour"),
        ({"surprise": 1}, 422, "unprocessable_entity", "surprise"),
        ({"tld": "store"}, 422, "tld_not_served", None),
    ],
)
async def test_create_refuses_bad_input_in_the_envelope(client, operator, acme, body, status, code, field):
    # given
    _, alpha, _ = acme
    payload = {"tld": "shop", "accreditation_type": "non_icann", "registry_account_id": alpha.id, **body}
    # when
    response = await client.post(associations_url("acme"), json=payload, headers=operator.headers)
    # then
    assert response.status_code == status
    assert response.json()["error"] == code
    if field:
        assert field in response.json()["details"]


async def test_a_second_association_of_the_tld_is_already_exists(client, operator, acme):
    _, alpha, beta = acme
    first = {"tld": "shop", "accreditation_type": "non_icann", "registry_account_id": alpha.id}
    assert (await client.post(associations_url("acme"), json=first, headers=operator.headers)).status_code == 201
    second = await client.post(
        associations_url("acme"), json={**first, "registry_account_id": beta.id}, headers=operator.headers
    )
    assert second.status_code == 409 and second.json() == {"error": "already_exists", "detail": {"tld": "shop"}}


async def test_unknown_tenants_and_associations_are_not_found(client, operator, acme):
    for method, url in (
        ("GET", associations_url("nobody")),
        ("GET", associations_url("acme", "/shop")),
        ("DELETE", associations_url("acme", "/shop")),
        ("PATCH", associations_url("acme", "/shop/config")),
        ("POST", associations_url("acme", "/shop/rebind")),
    ):
        response = await client.request(method, url, json={}, headers=operator.headers)
        assert response.status_code == 404, (method, url)
        assert response.json()["error"] == "not_found"


async def test_patch_config_sets_and_resets_policy_keys(client, operator, acme):
    # given
    _, alpha, _ = acme
    await client.post(
        associations_url("acme"),
        json={"tld": "shop", "accreditation_type": "non_icann", "registry_account_id": alpha.id},
        headers=operator.headers,
    )
    # when
    set_ = await client.patch(
        associations_url("acme", "/shop/config"),
        json={
            "dnssec_supported": False,
            "auto_renewal_mode": "RENEWONCE",
            "low_balance_notification_email": "Ops@Acme.example",
        },
        headers=operator.headers,
    )
    reset = await client.patch(
        associations_url("acme", "/shop/config"), json={"dnssec_supported": None}, headers=operator.headers
    )
    bad = await client.patch(
        associations_url("acme", "/shop/config"),
        json={"auto_renewal_mode": "DEFAULT", "whatever": 1},
        headers=operator.headers,
    )
    # then
    assert set_.status_code == 200
    assert set_.json()["data"]["config"]["dnssec_supported"] is False
    assert set_.json()["data"]["config"]["low_balance_notification_email"] == "Ops@acme.example"
    assert reset.json()["data"]["config"]["dnssec_supported"] is True  # the default again
    assert bad.status_code == 422
    assert set(bad.json()["details"]) == {"auto_renewal_mode", "whatever"}


async def test_rebind_refuses_another_binding_while_a_live_domain_uses_the_tld(client, services, operator, acme):
    # given
    tenant, alpha, beta = acme
    await client.post(
        associations_url("acme"),
        json={"tld": "shop", "accreditation_type": "non_icann", "registry_account_id": alpha.id},
        headers=operator.headers,
    )
    await add_domain(services, tenant.tenant_id, alpha.id, "live.shop")
    # when
    response = await client.post(
        associations_url("acme", "/shop/rebind"), json={"registry_account_id": beta.id}, headers=operator.headers
    )
    # then
    assert response.status_code == 409
    assert response.json() == {"error": "in_use", "detail": {"tld": "shop", "live_domains": 1}}


async def test_rebind_and_delete_when_nothing_uses_the_association(client, operator, acme):
    # given
    _, alpha, beta = acme
    created = await client.post(
        associations_url("acme"),
        json={"tld": "shop", "accreditation_type": "non_icann", "registry_account_id": alpha.id},
        headers=operator.headers,
    )
    association_id = created.json()["data"]["id"]
    # when
    rebound = await client.post(
        associations_url("acme", f"/{association_id}/rebind"),
        json={"registry_account_id": beta.id},
        headers=operator.headers,
    )
    deleted = await client.delete(associations_url("acme", "/shop"), headers=operator.headers)
    # then
    assert rebound.status_code == 200 and rebound.json()["data"]["registry_account_id"] == beta.id
    assert deleted.status_code == 204
    assert (await client.get(associations_url("acme"), headers=operator.headers)).json()["data"] == []
    log = await client.get("/operator/v1/audit_log", params={"target_id": association_id}, headers=operator.headers)
    assert [entry["action"] for entry in log.json()["data"]] == [
        "tld_association.delete",
        "tld_association.rebind",
        "tld_association.create",
    ]


async def test_tenant_credentials_cannot_reach_the_association_routes(client, acme):
    tenant, alpha, _ = acme
    response = await client.post(
        associations_url(tenant.tenant_id),
        json={"tld": "shop", "accreditation_type": "non_icann", "registry_account_id": alpha.id},
        headers=tenant.headers,
    )
    assert response.status_code == 403 and response.json()["error"] == "insufficient_scope"
