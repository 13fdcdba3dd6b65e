"""Hosts over REST: external and subordinate creation, address changes, rename, delete and
reconcile, each checked against the rows and the sandbox registry."""

from __future__ import annotations

from sqlmodel import select

from registrar.epp.sandbox.faults import Fault
from registrar.models import Host
from tests.support.lifecycle import registered, registry


async def host_row(services, name: str) -> Host | None:
    async with services.db.read() as session:
        return (await session.exec(select(Host).where(Host.name == name))).first()


async def create(client, demo, name: str, addresses: list[str] | None = None):
    body = {"name": name} if addresses is None else {"name": name, "addresses": addresses}
    return await client.post(demo.url("/hosts"), json=body, headers=demo.headers)


async def test_external_host_is_created_locally_without_addresses(client, demo, services):
    response = await create(client, demo, "NS1.Provider.NET.")
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert (data["name"], data["subordinate"], data["addresses"], data["registry_account_id"]) == (
        "ns1.provider.net",
        False,
        [],
        None,
    )
    assert (await host_row(services, "ns1.provider.net")).tenant_id == demo.tenant_id


async def test_external_host_with_addresses_and_duplicates_are_refused(client, demo):
    with_glue = await create(client, demo, "ns1.provider.net", ["192.0.2.1"])
    assert with_glue.status_code == 422 and "addresses" in with_glue.json()["details"]
    assert (await create(client, demo, "ns1.provider.net")).status_code == 201
    again = await create(client, demo, "ns1.provider.net")
    assert again.status_code == 422 and again.json()["details"] == {"name": ["has already been taken"]}


async def test_subordinate_host_is_created_at_the_parent_domains_registry(client, demo, services):
    # given
    domain = await registered(client, demo, "glue.test")
    # when
    response = await create(client, demo, "ns1.glue.test", ["192.0.2.10", "2001:DB8::10"])
    # then
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert data["subordinate"] is True
    assert data["addresses"] == ["192.0.2.10", "2001:db8::10"]
    assert data["registry_account_id"] == domain["registry_account_id"]
    info = await (await registry(services)).host_info("ns1.glue.test")
    assert set(info.addresses) == {"192.0.2.10", "2001:db8::10"}


async def test_subordinate_host_needs_valid_addresses(client, demo, services):
    await registered(client, demo, "glue.test")
    cases = [None, [], ["300.1.1.1"], ["127.0.0.1"], ["192.0.2.1", "192.0.2.1"], "192.0.2.1"]
    for addresses in cases:
        response = await create(client, demo, "ns1.glue.test", addresses)
        assert response.status_code == 422, addresses
        assert "addresses" in response.json()["details"]
    assert await host_row(services, "ns1.glue.test") is None


async def test_subordinate_create_leaves_no_row_when_the_registry_fails(client, demo, services, sandbox):
    await registered(client, demo, "glue.test")
    sandbox.faults.inject("host:create", Fault("result", code=2306))
    response = await create(client, demo, "ns1.glue.test", ["192.0.2.10"])
    assert response.status_code == 422 and response.json()["error"] == "registry_policy_error"
    assert await host_row(services, "ns1.glue.test") is None


async def test_check_list_and_get(client, demo):
    await create(client, demo, "ns1.provider.net")
    await create(client, demo, "ns2.provider.net")
    taken = await client.post(demo.url("/hosts/check"), json={"name": "ns1.provider.net"}, headers=demo.headers)
    free = await client.post(demo.url("/hosts/check"), json={"name": "ns9.provider.net"}, headers=demo.headers)
    bad = await client.post(demo.url("/hosts/check"), json={"name": "not a name"}, headers=demo.headers)
    assert taken.json() == {"data": {"name": "ns1.provider.net", "status": "unavailable"}}
    assert free.json() == {"data": {"name": "ns9.provider.net", "status": "available"}}
    assert bad.status_code == 422
    page = await client.get(demo.url("/hosts?limit=1"), headers=demo.headers)
    assert [h["name"] for h in page.json()["data"]] == ["ns1.provider.net"]
    cursor = page.json()["pagination"]["next_cursor"]
    rest = await client.get(demo.url(f"/hosts?limit=1&cursor={cursor}"), headers=demo.headers)
    assert [h["name"] for h in rest.json()["data"]] == ["ns2.provider.net"]
    one = await client.get(demo.url("/hosts/ns2.provider.net"), headers=demo.headers)
    assert one.status_code == 200 and one.json()["data"]["name"] == "ns2.provider.net"
    assert (await client.get(demo.url("/hosts/ns9.provider.net"), headers=demo.headers)).status_code == 404


async def test_patch_adds_and_removes_addresses_here_and_at_the_registry(client, demo, services):
    await registered(client, demo, "glue.test")
    await create(client, demo, "ns1.glue.test", ["192.0.2.10", "192.0.2.11"])
    response = await client.patch(
        demo.url("/hosts/ns1.glue.test"),
        json={"add": ["2001:db8::1"], "rem": ["192.0.2.10"]},
        headers=demo.headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["addresses"] == ["192.0.2.11", "2001:db8::1"]
    assert (await host_row(services, "ns1.glue.test")).addresses == ["192.0.2.11", "2001:db8::1"]
    info = await (await registry(services)).host_info("ns1.glue.test")
    assert set(info.addresses) == {"192.0.2.11", "2001:db8::1"}


async def test_patch_refuses_impossible_address_changes(client, demo):
    await registered(client, demo, "glue.test")
    await create(client, demo, "ns1.glue.test", ["192.0.2.10"])
    await create(client, demo, "ns1.provider.net")
    url = demo.url("/hosts/ns1.glue.test")
    cases = [
        (url, {"add": ["192.0.2.10"]}, "unprocessable_entity"),
        (url, {"rem": ["192.0.2.99"]}, "unprocessable_entity"),
        (url, {"rem": ["192.0.2.10"]}, "unprocessable_entity"),
        (url, {"addresses": ["192.0.2.1"]}, "unprocessable_entity"),
        (demo.url("/hosts/ns1.provider.net"), {"add": ["192.0.2.1"]}, "not_subordinate"),
    ]
    for target, body, code in cases:
        response = await client.patch(target, json=body, headers=demo.headers)
        assert (response.status_code, response.json()["error"]) == (422, code), body


async def test_rename_moves_the_host_and_the_domains_using_it(client, demo, services):
    # given: a domain delegating to a subordinate host
    await registered(client, demo, "glue.test")
    await create(client, demo, "ns1.glue.test", ["192.0.2.10"])
    await registered(client, demo, "user.test", nameservers=["ns1.glue.test"])
    # when
    response = await client.post(
        demo.url("/hosts/ns1.glue.test/rename"),
        json={"new_name": "dns.glue.test"},
        headers=demo.headers,
    )
    # then
    assert response.status_code == 200, response.text
    assert response.json()["data"]["name"] == "dns.glue.test"
    assert await host_row(services, "ns1.glue.test") is None
    epp = await registry(services)
    assert (await epp.host_info("dns.glue.test")).addresses == ("192.0.2.10",)
    assert (await epp.domain_info("user.test")).nameservers == ("dns.glue.test",)
    domain = await client.get(demo.url("/domains/user.test"), headers=demo.headers)
    assert domain.json()["data"]["nameservers"] == ["dns.glue.test"]


async def test_rename_refuses_external_hosts_and_names_outside_the_account(client, demo):
    await registered(client, demo, "glue.test")
    await create(client, demo, "ns1.glue.test", ["192.0.2.10"])
    await create(client, demo, "ns1.provider.net")
    rename = demo.url("/hosts/ns1.glue.test/rename")
    outside = await client.post(rename, json={"new_name": "ns1.elsewhere.net"}, headers=demo.headers)
    same = await client.post(rename, json={"new_name": "ns1.glue.test"}, headers=demo.headers)
    external = await client.post(
        demo.url("/hosts/ns1.provider.net/rename"),
        json={"new_name": "ns2.provider.net"},
        headers=demo.headers,
    )
    assert outside.status_code == 422 and "new_name" in outside.json()["details"]
    assert same.status_code == 422
    assert external.json()["error"] == "not_subordinate"


async def test_delete_is_refused_while_a_domain_delegates_to_the_host(client, demo, services):
    await registered(client, demo, "user.test", nameservers=["ns1.provider.net"])
    response = await client.delete(demo.url("/hosts/ns1.provider.net"), headers=demo.headers)
    assert response.status_code == 422
    assert response.json() == {"error": "host_in_use", "detail": {"domains": ["user.test"]}}
    assert await host_row(services, "ns1.provider.net") is not None


async def test_delete_removes_a_subordinate_host_at_the_registry(client, demo, services):
    await registered(client, demo, "glue.test")
    await create(client, demo, "ns1.glue.test", ["192.0.2.10"])
    await create(client, demo, "ns1.provider.net")
    assert (await client.delete(demo.url("/hosts/ns1.glue.test"), headers=demo.headers)).status_code == 204
    assert (await client.delete(demo.url("/hosts/ns1.provider.net"), headers=demo.headers)).status_code == 204
    assert await host_row(services, "ns1.glue.test") is None
    assert (await (await registry(services)).check_hosts(["ns1.glue.test"]))[0].available
    assert (await client.delete(demo.url("/hosts/ns1.glue.test"), headers=demo.headers)).status_code == 404


async def test_reconcile_writes_the_registry_view(client, demo, services):
    # given: the registry changed behind our back
    await registered(client, demo, "glue.test")
    await create(client, demo, "ns1.glue.test", ["192.0.2.10"])
    await registered(client, demo, "user.test", nameservers=["ns1.glue.test"])
    await (await registry(services)).update_host("ns1.glue.test", add_addresses=["192.0.2.77"])
    # when
    response = await client.post(demo.url("/hosts/ns1.glue.test/reconcile"), json={}, headers=demo.headers)
    # then
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert set(data["addresses"]) == {"192.0.2.10", "192.0.2.77"}
    assert "linked" in data["statuses"]
    assert set((await host_row(services, "ns1.glue.test")).addresses) == {
        "192.0.2.10",
        "192.0.2.77",
    }


async def test_reconcile_refuses_external_hosts_and_reports_missing_ones(client, demo, services):
    await create(client, demo, "ns1.provider.net")
    external = await client.post(demo.url("/hosts/ns1.provider.net/reconcile"), json={}, headers=demo.headers)
    assert (external.status_code, external.json()["error"]) == (422, "not_subordinate")
    await registered(client, demo, "glue.test")
    await create(client, demo, "ns1.glue.test", ["192.0.2.10"])
    await (await registry(services)).delete_host("ns1.glue.test")
    gone = await client.post(demo.url("/hosts/ns1.glue.test/reconcile"), json={}, headers=demo.headers)
    assert (gone.status_code, gone.json()["error"]) == (422, "not_at_registry")
