"""Login newPW, balances and low-balance poll messages, random faults, and the state file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from registrar.epp.commands.account import RegistryEndpoint, RegistryLogin
from registrar.epp.gateway import RegistryGateway
from registrar.epp.objects import (
    ContactCreateRequest,
    DomainCreateRequest,
    LowBalance,
    PostalInfo,
)
from registrar.epp.responses.poll import low_balance
from registrar.epp.sandbox import SandboxRegistry
from registrar.epp.sandbox.faults import FaultPlan
from registrar.epp.sandbox.state import store_from_dict, store_to_dict
from registrar.epp.sandbox.store import Store
from registrar.errors import RegistrarError
from tests.support.epp import ACCOUNTS


@pytest.fixture
def session(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


async def raises(coro) -> RegistrarError:  # noqa: ANN001
    with pytest.raises(RegistrarError) as caught:
        await coro
    return caught.value


def domain(name: str) -> DomainCreateRequest:
    return DomainCreateRequest(name=name, registrant="OTHER-1", auth_info="bal-Auth-1")


# -- login newPW ---------------------------------------------------------------------------


async def test_change_password_takes_effect_and_retires_the_old_sessions(
    gateway, endpoint, login_a, sandbox, client_frames
) -> None:
    await gateway.session(endpoint, login_a).check_domains(["a.test"])
    old_pool = await gateway.pool(endpoint, login_a)
    await gateway.change_password(endpoint, login_a, "password-a2")
    assert sandbox.accounts["registrar-a"] == "password-a2"
    assert old_pool.idle_count == 0
    assert any(b"<newPW>" in frame for _, frame in client_frames.frames)
    stale = await raises(gateway.session(endpoint, login_a).check_domains(["a.test"]))
    assert (stale.code, stale.detail["epp_code"]) == ("registry_authorization_error", 2200)
    fresh = replace(login_a, password="password-a2")
    [result] = await gateway.session(endpoint, fresh).check_domains(["a.test"])
    assert result.available


async def test_change_password_fails_with_a_wrong_current_password(gateway, endpoint, login_a, sandbox) -> None:
    error = await raises(gateway.change_password(endpoint, replace(login_a, password="not-it-1"), "password-a2"))
    assert error.code == "registry_authorization_error"
    assert sandbox.accounts["registrar-a"] == "password-a1"


async def test_change_password_rejects_a_password_outside_6_to_16_characters(
    gateway, endpoint, login_a, client_frames
) -> None:
    error = await raises(gateway.change_password(endpoint, login_a, "short"))
    assert error.code == "unprocessable_entity"
    assert not client_frames.frames


# -- balances ------------------------------------------------------------------------------


async def test_falling_below_the_threshold_queues_one_low_balance_message(session, sandbox) -> None:
    sandbox.policy = replace(sandbox.policy, initial_balance=Decimal("1015.00"), low_balance_threshold=Decimal("1000"))
    await session.create_domain(domain("one.test"))
    assert await session.poll() is None
    await session.create_domain(domain("two.test"))
    await session.create_domain(domain("three.test"))
    message = await session.poll()
    assert message is not None and message.kind == "low_balance"
    assert message.low_balance == LowBalance("995.00", "1000.00", "USD")
    await session.ack(message.message_id)
    assert await session.poll() is None


async def test_create_fails_with_billing_failure_when_the_balance_is_short(session, sandbox) -> None:
    sandbox.policy = replace(sandbox.policy, initial_balance=Decimal("5.00"))
    error = await raises(session.create_domain(domain("poor.test")))
    assert (error.code, error.detail["epp_code"]) == ("registry_billing_failure", 2104)
    assert "poor.test" not in sandbox.store.domains


async def test_a_rejected_transfer_refunds_the_gaining_registrar(gateway, endpoint, login_a, login_b, sandbox) -> None:
    a, b = gateway.session(endpoint, login_a), gateway.session(endpoint, login_b)
    await b.create_domain(domain("mine-b.test"))
    sandbox.store.domains["mine-b.test"].auth_info = "b-code-123"
    await a.transfer_domain("request", "mine-b.test", "b-code-123")
    assert sandbox.store.balances["registrar-a"] == Decimal("999990.00")
    await b.transfer_domain("reject", "mine-b.test")
    assert sandbox.store.balances["registrar-a"] == Decimal("1000000.00")


def test_low_balance_text_of_another_registry_without_amounts_is_still_classified() -> None:
    assert low_balance("Your account balance is low.") is None


# -- random faults -------------------------------------------------------------------------


def test_a_seeded_random_fault_plan_is_reproducible() -> None:
    def draws(seed: int) -> list[object]:
        plan = FaultPlan()
        plan.at_random(0.3, seed)
        return [plan.take("domain:info") for _ in range(300)]

    first = draws(7)
    assert first == draws(7)
    assert first != draws(8)
    assert 40 < sum(fault is not None for fault in first) < 150


def test_random_faults_spare_login_and_hello() -> None:
    plan = FaultPlan()
    plan.at_random(1.0, seed=3)
    assert {plan.take(key) for key in ("login", "hello") * 50} == {None}


DOCUMENTED = {"registry_unavailable", "registry_timeout", "registry_bad_response"}


async def test_random_faults_surface_only_documented_error_classes(endpoint, login_a, sandbox, sandbox_clock) -> None:
    gateway = RegistryGateway(sandbox_clock, failure_threshold=10_000)
    sandbox.faults.at_random(0.3, seed=11)
    seen: set[str] = set()
    successes = 0
    try:
        session = gateway.session(endpoint, login_a)
        for i in range(60):
            try:
                if i % 3 == 0:
                    await session.domain_info("taken.test")
                elif i % 3 == 1:
                    await session.check_domains([f"n{i}.test"])
                else:
                    await session.create_domain(domain(f"random{i}.test"))
                successes += 1
            except RegistrarError as error:
                seen.add(error.code)
    finally:
        await gateway.aclose()
    assert successes > 20
    assert seen and seen <= DOCUMENTED


# -- state file ----------------------------------------------------------------------------


async def test_sandbox_state_survives_a_restart(tmp_path: Path, sandbox_clock) -> None:
    state_path = tmp_path / "sandbox" / "state.json"
    first = SandboxRegistry(dict(ACCOUNTS), now=sandbox_clock, state_path=state_path)
    await first.start()
    issued = first.issue_client_cert("registrar-a")
    login = RegistryLogin("acct", "registrar-a", ACCOUNTS["registrar-a"], issued.cert_pem, issued.key_pem)

    def endpoint(server: SandboxRegistry) -> RegistryEndpoint:
        return RegistryEndpoint("state", "127.0.0.1", server.port, server.ca_pem, "localhost")

    gateway = RegistryGateway(sandbox_clock)
    session = gateway.session(endpoint(first), login)
    await session.create_contact(
        ContactCreateRequest(
            handle="KEEP-1",
            postal_info=(PostalInfo(name="Kept", city="Berlin", cc="DE"),),
            email="kept@example.com",
            auth_info="keep-Auth-1",
        )
    )
    await session.create_domain(DomainCreateRequest(name="kept.test", registrant="KEEP-1", auth_info="kept-Auth-1"))
    await session.create_host("ns1.kept.test", ["192.0.2.77"])
    await session.transfer_domain("request", "transfer-me.test", "secret-transfer-1")
    await gateway.aclose()
    await first.stop()
    assert json.loads(state_path.read_text())["version"] == 1
    assert [p.name for p in state_path.parent.iterdir()] == ["state.json"]

    sandbox_clock.moment += timedelta(days=6)
    second = SandboxRegistry(
        dict(ACCOUNTS),
        ca=first.ca,
        server_cert=first.server_cert,
        now=sandbox_clock,
        state_path=state_path,
    )
    await second.start()
    gateway = RegistryGateway(sandbox_clock)
    try:
        session = gateway.session(endpoint(second), login)
        info = await session.domain_info("kept.test")
        assert (info.registrant, info.hosts, info.auth_info) == (
            "KEEP-1",
            ("ns1.kept.test",),
            "kept-Auth-1",
        )
        assert (await session.contact_info("KEEP-1")).email == "kept@example.com"
        message = await session.poll()
        assert message is not None and message.transfer.status == "serverApproved"
        [fresh] = await session.check_domains(["another.test"])
        assert fresh.available
        await session.create_domain(domain("another.test"))
    finally:
        await gateway.aclose()
        await second.stop()


def test_store_round_trips_through_json(sandbox_clock) -> None:
    store = Store(sandbox_clock())
    store.balances["registrar-a"] = Decimal("12.34")
    store.domains["taken.test"].statuses.add("clientHold")
    store.enqueue("registrar-a", sandbox_clock(), "Low account balance.")
    data = json.loads(json.dumps(store_to_dict(store)))
    copy = Store(sandbox_clock() + timedelta(days=1))
    store_from_dict(copy, data)
    assert store_to_dict(copy) == store_to_dict(store)
