"""Lifecycle actions on a registered domain: rows, events and registry state agree."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from registrar.models import Domain, DomainEvent, Host
from tests.support.registry import registry_view
from tests.support.rest import create_contact, quote


async def events_of(services, domain_id: str) -> list[str]:
    async with services.db.read() as session:
        rows = (
            await session.exec(
                select(DomainEvent).where(DomainEvent.domain_id == domain_id).order_by(DomainEvent.inserted_at)
            )
        ).all()
    return [row.event_type for row in rows]


@pytest.mark.parametrize(
    ("lock", "status"),
    [
        ("transfer", "clientTransferProhibited"),
        ("update", "clientUpdateProhibited"),
        ("delete", "clientDeleteProhibited"),
    ],
)
async def test_locks_apply_and_release_idempotently_at_the_registry(client, demo, services, domain, lock, status):
    for _ in range(2):
        applied = await client.post(demo.url(f"/domains/life.test/{lock}_lock"), headers=demo.headers)
        assert applied.status_code == 200
        assert applied.json()["data"]["epp_statuses"] == [status]
    assert status in (await registry_view(services, "life.test")).statuses
    for _ in range(2):
        released = await client.delete(demo.url(f"/domains/life.test/{lock}_lock"), headers=demo.headers)
        assert released.json()["data"]["epp_statuses"] == ["ok"]
    assert status not in (await registry_view(services, "life.test")).statuses
    assert (await events_of(services, domain["id"])).count(f"{lock}_lock_applied") == 1


async def test_update_lock_blocks_content_updates(client, demo, domain):
    await client.post(demo.url("/domains/life.test/update_lock"), headers=demo.headers)
    for path, body in (
        ("update_nameservers", {"nameservers": ["ns9.example.net"]}),
        ("update_contacts", {"admin_handle": "jdoe"}),
        ("update_ds_records", {"ds_records": []}),
    ):
        response = await client.post(demo.url(f"/domains/life.test/{path}"), json=body, headers=demo.headers)
        assert response.status_code == 422 and response.json()["error"] == "update_prohibited", path
    removed = await client.delete(demo.url("/domains/life.test/ds_records"), headers=demo.headers)
    assert removed.json()["error"] == "update_prohibited"


async def test_delete_lock_blocks_delete_and_delete_enters_redemption(client, demo, services, domain):
    await client.post(demo.url("/domains/life.test/delete_lock"), headers=demo.headers)
    refused = await client.delete(demo.url("/domains/life.test"), headers=demo.headers)
    assert refused.status_code == 422 and refused.json()["error"] == "delete_prohibited"
    await client.delete(demo.url("/domains/life.test/delete_lock"), headers=demo.headers)
    deleted = await client.delete(demo.url("/domains/life.test"), headers=demo.headers)
    assert deleted.status_code == 204
    async with services.db.read() as session:
        row = await session.get(Domain, domain["id"])
    assert row.state == "redemption" and row.deletion_scheduled_at is not None
    listing = (await client.get(demo.url("/domains?in_redemption=true"), headers=demo.headers)).json()["data"]
    assert [d["name"] for d in listing] == ["life.test"]


async def test_restore_needs_a_restore_quote_and_brings_the_domain_back(client, demo, services, domain):
    await client.delete(demo.url("/domains/life.test"), headers=demo.headers)
    assert (await client.post(demo.url("/domains/life.test/restore"), json={}, headers=demo.headers)).json()[
        "error"
    ] == "quote_required"
    restore_quote = await quote(client, demo, "life.test", operation="restore", period=None)
    restored = await client.post(
        demo.url("/domains/life.test/restore"),
        json={"quote_id": restore_quote},
        headers=demo.headers,
    )
    assert restored.status_code == 200, restored.text
    assert restored.json()["data"]["state"] == "registered"
    assert (await registry_view(services, "life.test")).sponsor == demo.access.clid
    again = await client.post(
        demo.url("/domains/life.test/restore"),
        json={"quote_id": restore_quote},
        headers=demo.headers,
    )
    assert again.json()["error"] == "wrong_state"


async def test_delete_is_refused_while_subordinate_hosts_exist(client, demo, services, domain):
    async with services.db.transaction() as session:
        session.add(
            Host(
                tenant_id=demo.tenant_id,
                name="ns1.life.test",
                subordinate=True,
                addresses=["192.0.2.10"],
                inserted_at=services.clock.now(),
                updated_at=services.clock.now(),
            )
        )
    refused = await client.delete(demo.url("/domains/life.test"), headers=demo.headers)
    assert refused.status_code == 422
    assert refused.json() == {
        "error": "subordinate_hosts_exist",
        "detail": {"hosts": ["ns1.life.test"]},
    }


async def test_renew_extends_expiry_at_the_registry_with_a_quote(client, demo, services, domain):
    renew_quote = await quote(client, demo, "life.test", operation="renew", period=2)
    mismatch = await client.post(
        demo.url("/domains/life.test/renew"),
        json={"years": 1, "quote_id": renew_quote},
        headers=demo.headers,
    )
    assert mismatch.json()["error"] == "quote_mismatch"
    renewed = await client.post(
        demo.url("/domains/life.test/renew"),
        json={"years": 2, "quote_id": renew_quote},
        headers=demo.headers,
    )
    assert renewed.status_code == 200, renewed.text
    data = renewed.json()["data"]
    assert data["last_renewed_at"] is not None
    assert data["expires_at"][:4] == str(int(domain["expires_at"][:4]) + 2)
    at_registry = await registry_view(services, "life.test")
    assert at_registry.expires_at.year == int(data["expires_at"][:4])
    assert (await client.get(demo.url("/domains?renewed_within_days=1"), headers=demo.headers)).json()["data"][0][
        "name"
    ] == "life.test"


async def test_holds_use_the_documented_status_sets(client, demo, services, domain):
    held = await client.post(demo.url("/domains/life.test/apply_hold"), json={}, headers=demo.headers)
    data = held.json()["data"]
    assert (data["state"], data["hold_reason"]) == ("on_hold", "contact_inaccuracy")
    assert data["epp_statuses"] == ["clientHold", "clientTransferProhibited"]
    assert {"clientHold", "clientTransferProhibited"} <= set((await registry_view(services, "life.test")).statuses)
    released = await client.post(demo.url("/domains/life.test/release_hold"), headers=demo.headers)
    assert released.json()["data"]["epp_statuses"] == ["ok"] and released.json()["data"]["state"] == "registered"
    dispute = await client.post(
        demo.url("/domains/life.test/apply_hold"), json={"reason": "dispute"}, headers=demo.headers
    )
    assert dispute.json()["data"]["epp_statuses"] == ["serverHold", "serverTransferProhibited"]
    assert dispute.json()["data"]["out_of_sync"] is True
    bad = await client.post(demo.url("/domains/life.test/apply_hold"), json={"reason": "boredom"}, headers=demo.headers)
    assert bad.status_code == 422


async def test_auth_code_rotation_returns_it_once_and_keeps_only_a_hash(client, demo, services, domain):
    response = await client.post(demo.url("/domains/life.test/auth_code/rotate"), headers=demo.headers)
    assert response.status_code == 200
    code = response.json()["data"]["auth_code"]
    assert len(code) == 16 and code.isalnum()
    async with services.db.read() as session:
        row = await session.get(Domain, domain["id"])
    assert code not in row.auth_code_hash
    info = await registry_view(services, "life.test")
    assert info.auth_info == code


async def test_nameserver_replacement_diffs_and_skips_the_registry_when_unchanged(client, demo, services, domain):
    same = await client.post(
        demo.url("/domains/life.test/update_nameservers"),
        json={"nameservers": ["ns2.example.net", "ns1.example.net"]},
        headers=demo.headers,
    )
    assert same.status_code == 200
    assert "nameservers_updated" not in await events_of(services, domain["id"])
    changed = await client.post(
        demo.url("/domains/life.test/update_nameservers"),
        json={"nameservers": ["ns1.example.net", "ns3.example.org"]},
        headers=demo.headers,
    )
    assert changed.json()["data"]["nameservers"] == ["ns1.example.net", "ns3.example.org"]
    assert set((await registry_view(services, "life.test")).nameservers) == {
        "ns1.example.net",
        "ns3.example.org",
    }
    for body, code in (
        ({"nameservers": []}, "empty_nameservers"),
        ({"nameservers": ["a.example", "A.example"]}, "duplicate_nameserver"),
        ({"nameservers": ["bad host"]}, "invalid_nameservers"),
        ({"nameservers": ["ns1.life.test"]}, "subordinate_host_missing"),
    ):
        response = await client.post(demo.url("/domains/life.test/update_nameservers"), json=body, headers=demo.headers)
        assert response.json()["error"] == code
    listing = await client.get(demo.url("/domains?nameserver=NS3.example.org"), headers=demo.headers)
    assert [d["name"] for d in listing.json()["data"]] == ["life.test"]


async def test_contact_updates_replace_roles_and_clear_with_empty_string(client, demo, services, domain):
    await create_contact(client, demo, handle="tech-1")
    updated = await client.post(
        demo.url("/domains/life.test/update_contacts"),
        json={"tech_handle": "tech-1", "admin_handle": "jdoe"},
        headers=demo.headers,
    )
    assert (updated.json()["data"]["tech_handle"], updated.json()["data"]["admin_handle"]) == (
        "tech-1",
        "jdoe",
    )
    contacts = (await registry_view(services, "life.test")).contacts
    assert set(contacts) >= {"tech", "admin"}
    cleared = await client.post(
        demo.url("/domains/life.test/update_contacts"),
        json={"tech_handle": ""},
        headers=demo.headers,
    )
    assert cleared.json()["data"]["tech_handle"] is None and cleared.json()["data"]["admin_handle"] == "jdoe"
    missing = await client.post(
        demo.url("/domains/life.test/update_contacts"),
        json={"admin_handle": "ghost"},
        headers=demo.headers,
    )
    assert missing.status_code == 404


async def test_ds_records_validate_replace_and_remove_all(client, demo, services, domain):
    record = {"key_tag": 12345, "algorithm": 13, "digest_type": 2, "digest": "AB" * 32}
    for bad, code in (
        ([{**record, "key_tag": 70000}], "invalid_ds_records"),
        ([{**record, "digest": "XYZ"}], "invalid_ds_records"),
        ([record, record], "duplicate_ds_record"),
        (
            [{**record, "max_sig_life": 100}, {**record, "key_tag": 1, "max_sig_life": 200}],
            "inconsistent_max_sig_life",
        ),
    ):
        response = await client.post(
            demo.url("/domains/life.test/update_ds_records"),
            json={"ds_records": bad},
            headers=demo.headers,
        )
        assert response.json()["error"] == code
    signed = await client.post(
        demo.url("/domains/life.test/update_ds_records"),
        json={"ds_records": [record]},
        headers=demo.headers,
    )
    assert signed.json()["data"]["dnssec_signed"] is True
    assert len((await registry_view(services, "life.test")).ds_data) == 1
    removed = await client.delete(demo.url("/domains/life.test/ds_records"), headers=demo.headers)
    assert removed.json()["data"]["ds_records"] == [] and removed.json()["data"]["dnssec_signed"] is False
    assert (await registry_view(services, "life.test")).ds_data == ()


async def test_reconcile_writes_the_registry_view_and_records_only_real_changes(client, demo, services, domain):
    quiet = await client.post(demo.url("/domains/life.test/reconcile"), headers=demo.headers)
    assert quiet.status_code == 200 and quiet.json()["data"]["last_reconciled_at"] is not None
    assert "reconciled_with_registry" not in await events_of(services, domain["id"])
    async with services.db.transaction() as session:
        row = await session.get(Domain, domain["id"])
        row.epp_statuses = ["clientHold"]
        session.add(row)
    healed = await client.post(demo.url("/domains/life.test/reconcile"), headers=demo.headers)
    assert healed.json()["data"]["epp_statuses"] == ["ok"]
    async with services.db.read() as session:
        event = (
            await session.exec(select(DomainEvent).where(DomainEvent.event_type == "reconciled_with_registry"))
        ).one()
    assert event.payload == {"epp_statuses": {"from": ["clientHold"], "to": ["ok"]}}


async def test_events_endpoint_lists_history_newest_first(client, demo, domain, clock):
    clock.advance(seconds=1)
    try:
        await client.post(demo.url("/domains/life.test/transfer_lock"), headers=demo.headers)
    finally:
        clock.advance(seconds=-1)
    events = (await client.get(demo.url("/domains/life.test/events"), headers=demo.headers)).json()["data"]
    assert [e["event_type"] for e in events] == ["transfer_lock_applied", "registered"]
    assert set(events[0]) == {
        "actor_id",
        "actor_type",
        "domain_id",
        "event_type",
        "id",
        "inserted_at",
        "payload",
    }


async def test_two_concurrent_lock_requests_change_the_registry_once(client, demo, services, domain):
    results = await asyncio.gather(
        *(client.post(demo.url("/domains/life.test/transfer_lock"), headers=demo.headers) for _ in range(2))
    )
    assert [r.status_code for r in results] == [200, 200]
    assert (await events_of(services, domain["id"])).count("transfer_lock_applied") == 1


async def test_actions_on_unknown_domains_are_404(client, demo):
    for method, path in (
        ("POST", "renew"),
        ("POST", "transfer_lock"),
        ("POST", "reconcile"),
        ("GET", "events"),
    ):
        response = await client.request(
            method,
            demo.url(f"/domains/nothing.test/{path}"),
            headers=demo.headers,
            json={} if method == "POST" else None,
        )
        assert response.status_code == 404


async def test_odd_json_types_get_422_not_500(client, demo, domain):
    hold = await client.post(
        demo.url("/domains/life.test/apply_hold"), json={"reason": ["dispute"]}, headers=demo.headers
    )
    assert hold.status_code == 422
    key = await client.post(demo.url("/api_keys"), json={"name": "k", "scopes": [{"read": True}]}, headers=demo.headers)
    assert key.status_code == 422


async def test_only_hosts_under_the_domain_itself_block_its_delete(client, demo, services, domain):
    now = services.clock.now()
    async with services.db.transaction() as session:
        session.add(
            Host(tenant_id=demo.tenant_id, name="ns1.xlife.test", addresses=[], inserted_at=now, updated_at=now)
        )
        session.add(Host(tenant_id=demo.tenant_id, name="ns1_life.test", addresses=[], inserted_at=now, updated_at=now))
    assert (await client.delete(demo.url("/domains/life.test"), headers=demo.headers)).status_code == 204
