"""The registry operations journal: every unknown outcome converges within one worker pass,
to a row with its registry object or to no row and no registry object — never one without
the other, never executed twice. Faults come from the sandbox registry over real TLS."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from registrar.crypto import sha256_hex
from registrar.epp.sandbox.faults import Fault
from registrar.jobs.operations import settle_registry_operations
from registrar.models import Domain, DomainEvent, Host, Quote, RegistryOperation
from tests.support.lifecycle import registered, registry
from tests.support.rest import create_contact, quote, register


async def operations(services) -> list[RegistryOperation]:
    async with services.db.read() as session:
        return list((await session.exec(select(RegistryOperation).order_by(RegistryOperation.inserted_at))).all())


async def domain_row(services, name: str) -> Domain | None:
    async with services.db.read() as session:
        return (await session.exec(select(Domain).where(Domain.name == name))).first()


async def events(services, event_type: str) -> list[DomainEvent]:
    async with services.db.read() as session:
        return list((await session.exec(select(DomainEvent).where(DomainEvent.event_type == event_type))).all())


async def at_registry(services, name: str) -> bool:
    (availability,) = await (await registry(services)).check_domains([name])
    return not availability.available


async def one_worker_pass_after_the_lease(services, clock) -> int:
    clock.advance(seconds=services.settings.operation_lease_seconds + 1)
    return await settle_registry_operations(services)


async def test_a_create_whose_answer_is_lost_is_adopted_by_the_worker(client, demo, services, sandbox, clock):
    # given: the registry executes the create but the answer and the follow-up info are lost
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "lost.test")
    sandbox.faults.inject("domain:create", Fault("drop_after"))
    sandbox.faults.inject("domain:info", Fault("drop"), times=2)
    # when
    response = await register(client, demo, "lost.test", quote_id=quote_id)
    # then: an unknown outcome, the operation open, no row yet, the quote held
    assert response.status_code in (502, 503, 504), response.text
    (operation,) = await operations(services)
    assert (operation.state, operation.command, operation.quote_id) == ("pending", "domain_create", quote_id)
    assert await domain_row(services, "lost.test") is None
    assert await at_registry(services, "lost.test")
    # when: one worker pass once the request's lease has run out
    assert await one_worker_pass_after_the_lease(services, clock) == 1
    # then: the registry's domain has its row, its event, and the quote stays consumed
    domain = await domain_row(services, "lost.test")
    assert domain is not None and domain.state == "registered"
    (operation,) = await operations(services)
    assert operation.state == "succeeded"
    assert [e.domain_id for e in await events(services, "registered")] == [domain.id]
    async with services.db.read() as session:
        assert (await session.get(Quote, quote_id)).consumed_by_domain_id == domain.id
    assert (await client.get(demo.url("/domains/lost.test"), headers=demo.headers)).status_code == 200


async def test_a_create_that_never_reached_the_registry_fails_and_releases_the_quote(
    client, demo, services, sandbox, clock
):
    # given: the connection drops before the registry executes anything, and info is lost too
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "never.test")
    sandbox.faults.inject("domain:create", Fault("drop"))
    sandbox.faults.inject("domain:info", Fault("drop"), times=2)
    # when
    response = await register(client, demo, "never.test", quote_id=quote_id)
    await one_worker_pass_after_the_lease(services, clock)
    # then
    assert response.status_code in (502, 503, 504)
    (operation,) = await operations(services)
    assert operation.state == "failed"
    assert await domain_row(services, "never.test") is None
    assert not await at_registry(services, "never.test")
    async with services.db.read() as session:
        assert (await session.get(Quote, quote_id)).consumed_at is None
    # and the name can be registered again with the released quote
    assert (await register(client, demo, "never.test", quote_id=quote_id)).status_code == 201


async def test_a_create_answered_after_the_timeout_converges(client, demo, services, sandbox, clock):
    # given: the registry answers later than the client waits
    object.__setattr__(services.settings, "registry_command_timeout_seconds", 0.3)
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "slow.test")
    sandbox.faults.inject("domain:create", Fault("latency", delay=0.6))
    sandbox.faults.inject("domain:info", Fault("drop"), times=2)
    # when
    response = await register(client, demo, "slow.test", quote_id=quote_id)
    await asyncio.sleep(0.5)  # the registry executes the late command
    await one_worker_pass_after_the_lease(services, clock)
    # then
    assert response.status_code in (502, 503, 504)
    (operation,) = await operations(services)
    assert operation.state == "succeeded"
    assert (await domain_row(services, "slow.test")) is not None
    assert await at_registry(services, "slow.test")


async def test_a_retry_with_the_same_idempotency_key_answers_with_the_settled_domain(
    client, demo, services, sandbox, clock
):
    # given: a keyed registration whose outcome was unknown, settled by the worker since
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "replay.test")
    body = {"name": "replay.test", "years": 1, "registrant_handle": "jdoe", "quote_id": quote_id}
    headers = {**demo.headers, "Idempotency-Key": "register-replay-1"}
    sandbox.faults.inject("domain:create", Fault("drop_after"))
    sandbox.faults.inject("domain:info", Fault("drop"), times=2)
    first = await client.post(demo.url("/domains"), json=body, headers=headers)
    assert first.status_code in (502, 503, 504)
    # when: the client retries while the operation is open, then after the worker's pass
    during = await client.post(demo.url("/domains"), json=body, headers=headers)
    await one_worker_pass_after_the_lease(services, clock)
    after = await client.post(demo.url("/domains"), json=body, headers=headers)
    # then: no second create; the retry gets the committed domain
    assert (during.status_code, during.json()["error"]) == (409, "operation_pending")
    assert after.status_code == 201, after.text
    assert after.json()["data"]["name"] == "replay.test"
    assert len(await operations(services)) == 1
    assert len(await events(services, "registered")) == 1


async def test_two_workers_settle_an_operation_once(client, demo, services, sandbox, clock):
    # given
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "twice.test")
    sandbox.faults.inject("domain:create", Fault("drop_after"))
    sandbox.faults.inject("domain:info", Fault("drop"), times=2)
    await register(client, demo, "twice.test", quote_id=quote_id)
    clock.advance(seconds=services.settings.operation_lease_seconds + 1)
    # when
    settled = await asyncio.gather(settle_registry_operations(services), settle_registry_operations(services))
    # then
    assert sum(settled) == 1
    assert len(await events(services, "registered")) == 1


async def test_a_lost_renew_answer_is_settled_once(client, demo, services, sandbox, clock):
    # given
    domain = await registered(client, demo, "renew-lost.test")
    before = (await domain_row(services, "renew-lost.test")).expires_at
    sandbox.faults.inject("domain:renew", Fault("drop_after"))
    # when
    response = await client.post(
        demo.url("/domains/renew-lost.test/renew"),
        json={"years": 1, "quote_id": await quote(client, demo, "renew-lost.test", operation="renew")},
        headers=demo.headers,
    )
    await one_worker_pass_after_the_lease(services, clock)
    # then: renewed once, here and at the registry
    assert response.status_code in (502, 503, 504)
    row = await domain_row(services, domain["name"])
    info = await (await registry(services)).domain_info("renew-lost.test")
    assert row.expires_at == info.expires_at
    assert row.expires_at.year == before.year + 1
    assert len(await events(services, "renewed")) == 1


async def test_a_lost_delete_answer_brings_the_row_to_redemption(client, demo, services, sandbox, clock):
    # given
    await registered(client, demo, "delete-lost.test")
    sandbox.faults.inject("domain:delete", Fault("drop_after"))
    # when
    response = await client.delete(demo.url("/domains/delete-lost.test"), headers=demo.headers)
    await one_worker_pass_after_the_lease(services, clock)
    # then
    assert response.status_code in (502, 503, 504)
    assert (await domain_row(services, "delete-lost.test")).state == "redemption"
    assert len(await events(services, "deleted")) == 1


async def test_a_lost_nameserver_update_answer_is_applied_here(client, demo, services, sandbox, clock):
    # given
    await registered(client, demo, "ns-lost.test")
    sandbox.faults.inject("domain:update", Fault("drop_after"))
    target = ["ns3.example.net", "ns4.example.net"]
    # when
    response = await client.post(
        demo.url("/domains/ns-lost.test/update_nameservers"), json={"nameservers": target}, headers=demo.headers
    )
    await one_worker_pass_after_the_lease(services, clock)
    # then
    assert response.status_code in (502, 503, 504)
    answer = await client.get(demo.url("/domains/ns-lost.test"), headers=demo.headers)
    assert sorted(answer.json()["data"]["nameservers"]) == target
    assert len(await events(services, "nameservers_updated")) == 1


async def test_a_lost_host_create_answer_gets_its_row(client, demo, services, sandbox, clock):
    # given
    await registered(client, demo, "glue-lost.test")
    sandbox.faults.inject("host:create", Fault("drop_after"))
    # when
    response = await client.post(
        demo.url("/hosts"), json={"name": "ns1.glue-lost.test", "addresses": ["192.0.2.7"]}, headers=demo.headers
    )
    await one_worker_pass_after_the_lease(services, clock)
    # then
    assert response.status_code in (502, 503, 504)
    async with services.db.read() as session:
        host = (await session.exec(select(Host).where(Host.name == "ns1.glue-lost.test"))).first()
    assert host is not None and host.addresses == ["192.0.2.7"]
    assert (await (await registry(services)).host_info("ns1.glue-lost.test")).sponsor == demo.access.clid


async def test_a_refused_command_closes_its_operation_failed_at_once(client, demo, services, sandbox):
    # given
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "refused.test")
    sandbox.faults.inject("domain:create", Fault("result", code=2306))
    # when
    response = await register(client, demo, "refused.test", quote_id=quote_id)
    # then
    assert response.status_code == 422
    (operation,) = await operations(services)
    assert operation.state == "failed"
    assert operation.outcome["refused"] == response.json()["error"]
    async with services.db.read() as session:
        assert (await session.get(Quote, quote_id)).consumed_at is None


async def test_reconcile_brings_a_domain_the_registry_deleted_to_redemption(client, demo, services):
    # given: the registry holds the domain for deletion (a delete this platform never recorded)
    await registered(client, demo, "gone.test")
    await (await registry(services)).delete_domain("gone.test")
    # when
    response = await client.post(demo.url("/domains/gone.test/reconcile"), headers=demo.headers)
    # then
    assert response.status_code == 200, response.text
    assert response.json()["data"]["state"] == "redemption"
    assert (await domain_row(services, "gone.test")).state == "redemption"


async def test_a_lost_restore_answer_brings_the_domain_back_once(client, demo, services, sandbox, clock):
    # given: a domain in redemption whose restore answer is lost
    await registered(client, demo, "restore-lost.test")
    assert (await client.delete(demo.url("/domains/restore-lost.test"), headers=demo.headers)).status_code == 204
    sandbox.faults.inject("domain:update", Fault("drop_after"))
    # when
    response = await client.post(
        demo.url("/domains/restore-lost.test/restore"),
        json={"quote_id": await quote(client, demo, "restore-lost.test", operation="restore", period=None)},
        headers=demo.headers,
    )
    await one_worker_pass_after_the_lease(services, clock)
    # then
    assert response.status_code in (502, 503, 504)
    assert (await domain_row(services, "restore-lost.test")).state == "registered"
    assert len(await events(services, "restored")) == 1


async def test_a_lost_auth_code_rotation_keeps_the_hash_of_the_registrys_code(client, demo, services, sandbox, clock):
    # given
    await registered(client, demo, "code-lost.test")
    before = (await domain_row(services, "code-lost.test")).auth_code_hash
    sandbox.faults.inject("domain:update", Fault("drop_after"))
    # when
    response = await client.post(demo.url("/domains/code-lost.test/auth_code/rotate"), headers=demo.headers)
    await one_worker_pass_after_the_lease(services, clock)
    # then: the row holds the hash of what the registry now has, not the old one
    assert response.status_code in (502, 503, 504)
    info = await (await registry(services)).domain_info("code-lost.test")
    row = await domain_row(services, "code-lost.test")
    assert row.auth_code_hash != before
    assert row.auth_code_hash == sha256_hex(info.auth_info)
    assert len(await events(services, "auth_code_rotated")) == 1
